//! The consultation on a strategy version: threaded comments on each
//! priority, the forms that post and reply, and marking a comment resolved.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::server_fns::{AddComment, ResolveComment};
use crate::types::{Comment, Strategy};

/// Comments on each priority while the version is in consultation, and the
/// threads kept afterwards.
#[component]
pub(super) fn Consultation(
    strategy: Strategy,
    comments: Vec<Comment>,
    open: bool,
    can_resolve: bool,
    post: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="consultation-heading">
            <h2 id="consultation-heading">"Consultation"</h2>
            {strategy
                .priorities()
                .map(|p| {
                    let thread: Vec<Comment> =
                        comments.iter().filter(|c| c.priority_id == p.id).cloned().collect();
                    let count = thread.len();
                    view! {
                        <details class="thread" open=count > 0>
                            <summary>{format!("{} {} ({count} comments)", p.code, p.title)}</summary>
                            <ul class="comments">
                                {thread
                                    .into_iter()
                                    .map(|c| comment_item(c, open, can_resolve, post, resolve))
                                    .collect_view()}
                            </ul>
                            {open.then(|| view! { <CommentForm priority_id=p.id parent_id=None action=post /> })}
                        </details>
                    }
                })
                .collect_view()}
        </section>
    }
}

fn comment_item(
    comment: Comment,
    open: bool,
    can_resolve: bool,
    post: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
) -> AnyView {
    let Comment {
        id,
        priority_id,
        author,
        organisation,
        body,
        at,
        resolved,
        replies,
    } = comment;
    view! {
        <li class="comment" class:resolved=resolved>
            <p class="muted">
                {format!("{author} ({organisation}), {}", at.format("%Y-%m-%d %H:%M UTC"))}
                {resolved.then_some(" · resolved")}
            </p>
            <p>{body}</p>
            {(can_resolve && !resolved).then(|| view! {
                <ActionForm action=resolve attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="comment_id" value=id />
                    <button type="submit">"Mark resolved"</button>
                </ActionForm>
            })}
            {open.then(|| view! {
                <details class="reply">
                    <summary>"Reply"</summary>
                    <CommentForm priority_id parent_id=Some(id) action=post />
                </details>
            })}
            <ul class="comments">
                {replies
                    .into_iter()
                    .map(|r| comment_item(r, open, can_resolve, post, resolve))
                    .collect_view()}
            </ul>
        </li>
    }
    .into_any()
}

#[component]
fn CommentForm(
    priority_id: i32,
    parent_id: Option<i32>,
    action: ServerAction<AddComment>,
) -> impl IntoView {
    let field = match parent_id {
        Some(parent) => format!("reply-{parent}"),
        None => format!("comment-{priority_id}"),
    };
    let reply = parent_id.is_some();
    view! {
        <ActionForm action attr:class="stack narrow">
            <CsrfField />
            <OnceField fresh=Signal::derive(move || action.version().get()) />
            <input type="hidden" name="priority_id" value=priority_id />
            {parent_id.map(|p| view! { <input type="hidden" name="parent_id" value=p /> })}
            <label for=field.clone()>{if reply { "Your reply" } else { "Your comment" }}</label>
            <textarea id=field name="body" rows="3" required=true></textarea>
            <button type="submit">{if reply { "Post reply" } else { "Post comment" }}</button>
        </ActionForm>
    }
}
