//! The consultation on a strategy version: threaded comments on each
//! priority, the forms that post and reply, and marking a comment resolved.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::i18n::{Locale, td_string};
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
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="consultation-heading">
            <h2 id="consultation-heading">{td_string!(locale, strategy.consultation)}</h2>
            {strategy
                .priorities()
                .map(|p| {
                    let thread: Vec<Comment> =
                        comments.iter().filter(|c| c.priority_id == p.id).cloned().collect();
                    let count = thread.len();
                    view! {
                        <details class="thread" open=count > 0>
                            <summary>
                                {td_string!(locale, strategy.thread_summary, code = p.code.clone(), title = p.title.clone(), count)
                                    .to_string()}
                            </summary>
                            <ul class="comments">
                                {thread
                                    .into_iter()
                                    .map(|c| comment_item(locale, c, open, can_resolve, post, resolve))
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
    locale: Locale,
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
                {resolved.then(|| format!(" · {}", td_string!(locale, strategy.resolved)))}
            </p>
            <p>{body}</p>
            {(can_resolve && !resolved).then(|| view! {
                <ActionForm action=resolve attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="comment_id" value=id />
                    <button type="submit">{td_string!(locale, strategy.mark_resolved)}</button>
                </ActionForm>
            })}
            {open.then(|| view! {
                <details class="reply">
                    <summary>{td_string!(locale, strategy.reply)}</summary>
                    <CommentForm priority_id parent_id=Some(id) action=post />
                </details>
            })}
            <ul class="comments">
                {replies
                    .into_iter()
                    .map(|r| comment_item(locale, r, open, can_resolve, post, resolve))
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
    let locale = crate::language::current();
    view! {
        <ActionForm action attr:class="stack narrow">
            <CsrfField />
            <OnceField fresh=Signal::derive(move || action.version().get()) />
            <input type="hidden" name="priority_id" value=priority_id />
            {parent_id.map(|p| view! { <input type="hidden" name="parent_id" value=p /> })}
            <label for=field.clone()>{if reply {
                td_string!(locale, strategy.your_reply)
            } else {
                td_string!(locale, strategy.your_comment)
            }}</label>
            <textarea id=field name="body" rows="3" required=true></textarea>
            <button type="submit">{if reply {
                td_string!(locale, strategy.post_reply)
            } else {
                td_string!(locale, strategy.post_comment)
            }}</button>
        </ActionForm>
    }
}
