//! The compact page: the version shown with its parties, review rounds and
//! commitments, and the actions that change it.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::commitments::{AddCommitmentForm, CommitmentItem, Lens, LensNav};
use super::reviews::Reviews;
use super::signing::{Lifecycle, Parties};
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error, kept_input, successes};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{
    AddCommitment, AddCompactParty, AmendCompact, CommentOnCommitment, CompactView, CreateCompact,
    FreezeCompact, OpenReview, RemoveCommitment, RemoveCompactParty, ReportProgress, SignCompact,
    UpdateCommitment, load_compact,
};
use crate::types::{CommitmentKind, CompactStatus, KeptInput, Party};

/// The actions of the page, so that any of them that succeeds refreshes it
/// (a refused one keeps what was typed).
#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateCompact>,
    add: ServerAction<AddCommitment>,
    update: ServerAction<UpdateCommitment>,
    remove: ServerAction<RemoveCommitment>,
    add_party: ServerAction<AddCompactParty>,
    remove_party: ServerAction<RemoveCompactParty>,
    progress: ServerAction<ReportProgress>,
    freeze: ServerAction<FreezeCompact>,
    sign: ServerAction<SignCompact>,
    amend: ServerAction<AmendCompact>,
    review: ServerAction<OpenReview>,
    comment: ServerAction<CommentOnCommitment>,
}

impl Actions {
    fn new() -> Self {
        Self {
            create: ServerAction::new(),
            add: ServerAction::new(),
            update: ServerAction::new(),
            remove: ServerAction::new(),
            add_party: ServerAction::new(),
            remove_party: ServerAction::new(),
            progress: ServerAction::new(),
            freeze: ServerAction::new(),
            sign: ServerAction::new(),
            amend: ServerAction::new(),
            review: ServerAction::new(),
            comment: ServerAction::new(),
        }
    }

    /// Counts the successes of every action.
    fn done(&self) -> Signal<usize> {
        let counts = [
            successes(self.create),
            successes(self.add),
            successes(self.update),
            successes(self.remove),
            successes(self.add_party),
            successes(self.remove_party),
            successes(self.progress),
            successes(self.freeze),
            successes(self.sign),
            successes(self.amend),
            successes(self.review),
            successes(self.comment),
        ];
        Signal::derive(move || counts.iter().map(|c| c.get()).sum())
    }

    fn error(&self) -> Signal<Option<crate::AppError>> {
        let errors = [
            form_error(self.create.value()),
            form_error(self.add.value()),
            form_error(self.update.value()),
            form_error(self.remove.value()),
            form_error(self.add_party.value()),
            form_error(self.remove_party.value()),
            form_error(self.progress.value()),
            form_error(self.freeze.value()),
            form_error(self.sign.value()),
            form_error(self.amend.value()),
            form_error(self.review.value()),
            form_error(self.comment.value()),
        ];
        Signal::derive(move || errors.iter().find_map(|e| e.get()))
    }
}

#[component]
pub fn CompactPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let version = Memo::new(move |_| {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<i32>().ok())
    });
    let lens = Memo::new(move |_| {
        let query = query.read();
        match (query.get("view").as_deref(), query.get("party")) {
            (_, Some(party)) => party.parse().map_or(Lens::All, Lens::Party),
            (Some("overdue"), _) => Lens::Overdue,
            (Some("priority"), _) => Lens::ByPriority,
            _ => Lens::All,
        }
    });
    let actions = Actions::new();
    let done = actions.done();
    let kept = kept_input();
    let data = Resource::new(
        move || (code.get(), version.get(), done.get()),
        |(code, version, _)| load_compact(code, version),
    );
    let error = actions.error();
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.area_compact) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let kept = kept.await;
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(view) => view! {
                        <CompactBody view kept code=code.get_untracked() lens actions error />
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompactBody(
    view: CompactView,
    kept: Option<KeptInput>,
    code: String,
    lens: Memo<Lens>,
    actions: Actions,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let locale = crate::language::current();
    let Some(compact) = view.compact.clone() else {
        return view! {
            <h1>{td_string!(locale, common.area_compact)}</h1>
            <p>{td_string!(locale, compact.no_compact)}</p>
            <FormErrors error />
            {view.can_manage.then(|| view! {
                <NewCompactForm code=code.clone() view=view.clone() action=actions.create />
            })}
        }
        .into_any();
    };
    let latest = view.versions.last().map(|v| v.version) == Some(compact.version);
    let draft = compact.status == CompactStatus::Draft;
    // The parties the reader may write a commitment for, and the kinds.
    let writable: Vec<Party> = compact
        .parties
        .iter()
        .filter(|p| view.can_manage || Some(p.id) == view.own_organisation && !p.government)
        .cloned()
        .collect();
    let kinds = if view.can_manage {
        CommitmentKind::ALL.to_vec()
    } else {
        vec![CommitmentKind::Partner]
    };
    view! {
        <h1>{compact.title.clone()}</h1>
        <p class="status-line">
            <span class=format!("badge badge-{}", compact.status.code())>{compact.status.label()}</span>
            {format!(
                " {}",
                td_string!(
                    locale,
                    compact.version_line,
                    version = compact.version,
                    start = compact.starts_on,
                    end = compact.ends_on,
                    strategy = compact.strategy_version,
                ),
            )}
            {compact
                .based_on_version
                .map(|version| format!(" · {}", td_string!(locale, compact.amends_version, version)))}
        </p>
        <nav class="versions" aria-label=td_string!(locale, compact.versions)>
            <span>{format!("{} ", td_string!(locale, compact.versions_label))}</span>
            {view
                .versions
                .iter()
                .map(|v| {
                    let label = format!("{} ({})", v.version, v.status.label().to_lowercase());
                    if v.version == compact.version {
                        view! { <strong aria-current="page">{label}</strong> }.into_any()
                    } else {
                        view! { <a href=format!("/countries/{code}/compact?version={}", v.version)>{label}</a> }.into_any()
                    }
                })
                .collect_view()}
        </nav>
        {(!compact.principles.is_empty()).then(|| view! { <p class="lead">{compact.principles.clone()}</p> })}
        {compact.sha256.clone().map(|hash| view! {
            <p class="hash">
                {format!("{} ", td_string!(locale, compact.sha256_label))} <code>{hash}</code>
                {(compact.status == CompactStatus::Signed).then(|| view! {
                    " · "
                    <a href=format!("/countries/{code}/compact/v{}.json", compact.version) download="">
                        {td_string!(locale, compact.download_signed)}
                    </a>
                })}
            </p>
        })}
        <FormErrors error />
        <Lifecycle
            compact=compact.clone()
            latest
            view=view.clone()
            freeze=actions.freeze
            sign=actions.sign
            amend=actions.amend
        />
        <Parties
            parties=compact.parties.clone()
            editing=(draft && view.can_manage).then(|| (compact.id, view.organisations.clone()))
            add=actions.add_party
            remove=actions.remove_party
        />
        <Reviews
            code=code.clone()
            rounds=view.rounds.clone()
            compact_id=compact.id
            can_open=view.can_review && compact.status == CompactStatus::Signed
            action=actions.review
            today=view.today
        />
        <h2>{td_string!(locale, compact.commitments)}</h2>
        {
            let (code, compact) = (code.clone(), compact.clone());
            move || view! { <LensNav code=code.clone() compact=compact.clone() lens=lens.get() /> }.into_any()
        }
        {if compact.commitments.is_empty() {
            view! { <p class="muted">{td_string!(locale, compact.no_commitments)}</p> }.into_any()
        } else {
            view! {
                <ul class="commitments">
                    {
                        let (compact, view, writable, kinds) =
                            (compact.clone(), view.clone(), writable.clone(), kinds.clone());
                        // Another way of reading re-renders the list; it
                        // needs nothing new from the server.
                        move || {
                            lens.get()
                                .apply(&compact, view.today)
                                .into_iter()
                                .map(|(number, c)| view! {
                                    <CommitmentItem
                                        number
                                        kept=KeptInput::of(kept.as_ref(), UpdateCommitment::PATH, "commitment_id", c.id)
                                        commitment=c
                                        view=view.clone()
                                        parties=writable.clone()
                                        kinds=kinds.clone()
                                        update=actions.update
                                        remove=actions.remove
                                        comment=actions.comment
                                        progress=actions.progress
                                    />
                                })
                                .collect_view()
                                .into_any()
                        }
                    }
                </ul>
            }
                .into_any()
        }}
        {(draft && !writable.is_empty()).then(|| view! {
            <AddCommitmentForm
                compact_id=compact.id
                parties=writable.clone()
                kinds=kinds.clone()
                priorities=view.priorities.clone()
                action=actions.add
            />
        })}
    }
    .into_any()
}

#[component]
fn NewCompactForm(
    code: String,
    view: CompactView,
    action: ServerAction<CreateCompact>,
) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <h2>{td_string!(locale, compact.start_compact)}</h2>
        {view.priorities.is_empty().then(|| view! {
            <p class="muted">{td_string!(locale, compact.endorse_first)}</p>
        })}
        <ActionForm action attr:class="stack narrow">
            <CsrfField />
            <input type="hidden" name="country" value=code />
            <label for="compact-title">{td_string!(locale, compact.title)}</label>
            <input id="compact-title" name="title" required=true maxlength="300" />
            <label for="starts_on">{td_string!(locale, compact.starts)}</label>
            <input id="starts_on" name="starts_on" type="date" required=true />
            <label for="ends_on">{td_string!(locale, compact.ends)}</label>
            <input id="ends_on" name="ends_on" type="date" required=true />
            <label for="principles">{td_string!(locale, compact.principles)}</label>
            <textarea id="principles" name="principles" rows="3"></textarea>
            <fieldset class="choices">
                <legend>{td_string!(locale, compact.parties)}</legend>
                {view
                    .organisations
                    .into_iter()
                    .filter(|o| o.active)
                    .enumerate()
                    .map(|(i, o)| {
                        let id = format!("party-{}", o.id);
                        view! {
                            <span class="choice">
                                <input type="checkbox" id=id.clone() name=format!("party_ids[{i}]") value=o.id />
                                <label for=id>{o.name}</label>
                            </span>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <button type="submit">{td_string!(locale, compact.create_draft)}</button>
        </ActionForm>
    }
}
