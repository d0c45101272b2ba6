//! The compact of mutual commitments: the version shown, its parties and
//! signatures, its commitments with their progress, and the forms each
//! reader may use.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::commitment_fields::{CommitmentFields, ProgressFields};
use super::country_code_param;
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::server_fns::{
    AddCommitment, AmendCompact, CommentOnCommitment, CompactView, CreateCompact, FreezeCompact,
    OpenReview, ReportProgress, SignCompact, UpdateCommitment, load_compact,
};
use crate::types::{Commitment, CommitmentKind, Compact, CompactStatus, Party};

/// How the commitments are shown: all in the signed order, overdue first,
/// grouped by strategy priority, or one party's only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lens {
    All,
    Overdue,
    ByPriority,
    Party(i32),
}

impl Lens {
    /// The commitments to show, each with its number in the version.
    fn apply(self, compact: &Compact, today: chrono::NaiveDate) -> Vec<(usize, Commitment)> {
        let mut shown: Vec<(usize, Commitment)> = compact
            .commitments
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, c)| (i + 1, c))
            .filter(|(_, c)| match self {
                Lens::Party(id) => c.party_id == id,
                _ => true,
            })
            .collect();
        match self {
            Lens::Overdue => shown.sort_by_key(|(_, c)| !c.overdue(today)),
            Lens::ByPriority => {
                shown.sort_by(|(_, a), (_, b)| a.priority_code.cmp(&b.priority_code))
            }
            Lens::All | Lens::Party(_) => {}
        }
        shown
    }
}

/// Links to the ways of reading the commitments.
#[component]
fn LensNav(code: String, compact: Compact, lens: Lens) -> impl IntoView {
    let base = format!("/countries/{code}/compact?version={}", compact.version);
    let link = move |href: String, label: String, current: bool| {
        if current {
            view! { <strong aria-current="page">{label}</strong> }.into_any()
        } else {
            view! { <a href=href>{label}</a> }.into_any()
        }
    };
    view! {
        <nav class="versions" aria-label="Ways to read the commitments">
            {link(base.clone(), "All".into(), lens == Lens::All)}
            " · "
            {link(format!("{base}&view=overdue"), "Overdue first".into(), lens == Lens::Overdue)}
            " · "
            {link(format!("{base}&view=priority"), "By priority".into(), lens == Lens::ByPriority)}
            " · "
            <a href=format!("/countries/{code}/compact.csv")>"CSV of the signed version"</a>
            <br />
            <span>"By party: "</span>
            {compact
                .parties
                .iter()
                .map(|p| {
                    let current = lens == Lens::Party(p.id);
                    view! { {link(format!("{base}&party={}", p.id), p.name.clone(), current)} " " }
                })
                .collect_view()}
        </nav>
    }
}

/// The actions of the page, so that any of them refreshes it.
#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateCompact>,
    add: ServerAction<AddCommitment>,
    update: ServerAction<UpdateCommitment>,
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
            progress: ServerAction::new(),
            freeze: ServerAction::new(),
            sign: ServerAction::new(),
            amend: ServerAction::new(),
            review: ServerAction::new(),
            comment: ServerAction::new(),
        }
    }

    fn version(&self) -> usize {
        self.create.version().get()
            + self.add.version().get()
            + self.update.version().get()
            + self.progress.version().get()
            + self.freeze.version().get()
            + self.sign.version().get()
            + self.amend.version().get()
            + self.review.version().get()
            + self.comment.version().get()
    }

    fn error(&self) -> Signal<Option<crate::AppError>> {
        let errors = [
            form_error(self.create.value()),
            form_error(self.add.value()),
            form_error(self.update.value()),
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
    let data = Resource::new(
        move || (code.get(), version.get(), actions.version()),
        |(code, version, _)| load_compact(code, version),
    );
    let error = actions.error();
    view! {
        <Title text="Compact" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(view) => view! {
                        <CompactBody view code=code.get_untracked() lens actions error />
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
    code: String,
    lens: Memo<Lens>,
    actions: Actions,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let Some(compact) = view.compact.clone() else {
        return view! {
            <h1>"Compact"</h1>
            <p>"No compact has been signed yet."</p>
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
                " Version {} · {} to {} · serves strategy version {}",
                compact.version, compact.starts_on, compact.ends_on, compact.strategy_version
            )}
            {compact.based_on_version.map(|v| format!(" · amends version {v}"))}
        </p>
        <nav class="versions" aria-label="Versions">
            <span>"Versions: "</span>
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
                "SHA-256 of the text for signature: " <code>{hash}</code>
                {(compact.status == CompactStatus::Signed).then(|| view! {
                    " · "
                    <a href=format!("/countries/{code}/compact/v{}.json", compact.version) download="">
                        "Download the signed text (JSON)"
                    </a>
                })}
            </p>
        })}
        <FormErrors error />
        <Lifecycle compact=compact.clone() latest view=view.clone() actions />
        <Parties parties=compact.parties.clone() />
        <Reviews
            code=code.clone()
            rounds=view.rounds.clone()
            compact_id=compact.id
            can_open=view.can_review && compact.status == CompactStatus::Signed
            action=actions.review
            today=view.today
        />
        <h2>"Commitments"</h2>
        {
            let (code, compact) = (code.clone(), compact.clone());
            move || view! { <LensNav code=code.clone() compact=compact.clone() lens=lens.get() /> }.into_any()
        }
        {if compact.commitments.is_empty() {
            view! { <p class="muted">"No commitments yet."</p> }.into_any()
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
                                        commitment=c
                                        view=view.clone()
                                        parties=writable.clone()
                                        kinds=kinds.clone()
                                        actions
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
            <section aria-labelledby="add-commitment-heading">
                <h2 id="add-commitment-heading">"Add a commitment"</h2>
                <ActionForm action=actions.add attr:class="stack narrow">
                    <CsrfField />
                    <input type="hidden" name="compact_id" value=compact.id />
                    <CommitmentFields
                        prefix="new".into()
                        parties=writable.clone()
                        kinds=kinds.clone()
                        priorities=view.priorities.clone()
                        current=None
                    />
                    <button type="submit">"Add commitment"</button>
                </ActionForm>
            </section>
        })}
    }
    .into_any()
}

#[component]
fn Lifecycle(compact: Compact, latest: bool, view: CompactView, actions: Actions) -> impl IntoView {
    let id = compact.id;
    let button = |label: String| view! { <button type="submit">{label}</button> };
    match compact.status {
        CompactStatus::Draft if view.can_manage => view! {
            <ActionForm action=actions.freeze attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button("Freeze for signature".into())}
            </ActionForm>
            <p class="muted">"Once frozen, its text is fixed and each party's signatory signs it."</p>
        }
        .into_any(),
        CompactStatus::ForSignature if view.can_sign => view! {
            <ActionForm action=actions.sign attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button("Sign this version".into())}
            </ActionForm>
        }
        .into_any(),
        CompactStatus::Signed if view.can_manage && latest => view! {
            <ActionForm action=actions.amend attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button("Start an amendment".into())}
            </ActionForm>
            <p class="muted">"An amendment is a new version; every party signs it again."</p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn Parties(parties: Vec<Party>) -> impl IntoView {
    view! {
        <h2>"Parties and signatures"</h2>
        <ul class="parties">
            {parties
                .into_iter()
                .map(|p| {
                    let signed = match &p.signature {
                        Some(s) => format!(
                            "signed by {} on {}",
                            s.signatory,
                            s.signed_at.format("%Y-%m-%d %H:%M UTC")
                        ),
                        None => "not signed".into(),
                    };
                    view! { <li><strong>{p.name}</strong>{format!(": {signed}")}</li> }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn CommitmentItem(
    /// Its number in the version (the signed text's numbering).
    number: usize,
    commitment: Commitment,
    view: CompactView,
    parties: Vec<Party>,
    kinds: Vec<CommitmentKind>,
    actions: Actions,
) -> impl IntoView {
    let c = commitment.clone();
    let (id, current, today) = (c.id, c.as_new(), view.today);
    let priorities = view.priorities.clone();
    let overdue = c.overdue(view.today);
    let editable = view.editable.contains(&c.id);
    let reportable = view.reportable.contains(&c.id);
    view! {
        <li class="commitment" class:overdue=overdue>
            <p>
                <strong>{format!("{number}. {} ({})", c.party, c.kind.label().to_lowercase())}</strong>
                {format!(" · {} · serves {} {}", c.category.label(), c.priority_code, c.priority_title)}
            </p>
            <p>{c.text.clone()}</p>
            <p class="muted">
                {format!("Due {}", c.due_on)}
                {(!c.responsible_office.is_empty()).then(|| format!(" · {}", c.responsible_office))}
                {c.indicator.clone().map(|i| format!(" · indicator: {i}"))}
                " · "
                <span class=format!("status status-{}", c.status.code())>{c.status.label()}</span>
                {c.status_reason.clone().map(|r| format!(" ({r})"))}
                {overdue.then_some(" · overdue")}
            </p>
            {(!c.progress.is_empty()).then(|| view! {
                <ul class="progress">
                    {c.progress
                        .iter()
                        .map(|p| view! {
                            <li>
                                {format!("{}, {}: {}", p.on_date, p.author, p.text)}
                                {p.evidence_url.clone().map(|url| view! { " " <a href=url rel="noopener">"evidence"</a> })}
                            </li>
                        })
                        .collect_view()}
                </ul>
            })}
            {editable.then(|| view! {
                <details class="edit">
                    <summary>"Change this commitment"</summary>
                    <ActionForm action=actions.update attr:class="stack narrow">
                        <CsrfField />
                        <input type="hidden" name="commitment_id" value=id />
                        <CommitmentFields
                            prefix=format!("commitment-{id}")
                            parties
                            kinds
                            priorities
                            current=Some(current)
                        />
                        <button type="submit">"Save commitment"</button>
                    </ActionForm>
                </details>
            })}
            {(!c.comments.is_empty()).then(|| view! {
                <ul class="comments">
                    {c.comments
                        .iter()
                        .map(|m| view! {
                            <li class="comment">
                                <p class="muted">{format!("{}, {}", m.author, m.at.format("%Y-%m-%d %H:%M UTC"))}</p>
                                <p>{m.body.clone()}</p>
                            </li>
                        })
                        .collect_view()}
                </ul>
            })}
            {view.can_comment.then(|| {
                let field = format!("comment-{id}");
                view! {
                    <details class="reply">
                        <summary>"Comment"</summary>
                        <ActionForm action=actions.comment attr:class="stack narrow">
                            <CsrfField />
                            <input type="hidden" name="commitment_id" value=id />
                            <label for=field.clone()>"Your comment"</label>
                            <textarea id=field name="body" rows="2" required=true></textarea>
                            <button type="submit">"Post comment"</button>
                        </ActionForm>
                    </details>
                }
            })}
            {reportable.then(|| view! {
                <details class="edit">
                    <summary>"Report progress"</summary>
                    <ActionForm action=actions.progress attr:class="stack narrow">
                        <CsrfField />
                        <ProgressFields commitment today />
                        <button type="submit">"Save progress"</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

#[component]
fn NewCompactForm(
    code: String,
    view: CompactView,
    action: ServerAction<CreateCompact>,
) -> impl IntoView {
    view! {
        <h2>"Start the compact"</h2>
        {view.priorities.is_empty().then(|| view! {
            <p class="muted">"Endorse the strategy first: every commitment serves one of its priorities."</p>
        })}
        <ActionForm action attr:class="stack narrow">
            <CsrfField />
            <input type="hidden" name="country" value=code />
            <label for="compact-title">"Title"</label>
            <input id="compact-title" name="title" required=true maxlength="300" />
            <label for="starts_on">"Starts"</label>
            <input id="starts_on" name="starts_on" type="date" required=true />
            <label for="ends_on">"Ends"</label>
            <input id="ends_on" name="ends_on" type="date" required=true />
            <label for="principles">"Principles"</label>
            <textarea id="principles" name="principles" rows="3"></textarea>
            <fieldset class="choices">
                <legend>"Parties"</legend>
                {view
                    .organisations
                    .into_iter()
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
            <button type="submit">"Create draft"</button>
        </ActionForm>
    }
}

/// The joint review rounds, and (for planners, on a signed version) the
/// form that opens one.
#[component]
fn Reviews(
    code: String,
    rounds: Vec<crate::types::ReviewRound>,
    compact_id: i32,
    can_open: bool,
    action: ServerAction<OpenReview>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    view! {
        <h2>"Joint reviews"</h2>
        {if rounds.is_empty() {
            view! { <p class="muted">"No review round yet."</p> }.into_any()
        } else {
            view! {
                <ul>
                    {rounds
                        .into_iter()
                        .map(|r| {
                            let state = match r.closed_on {
                                Some(day) => format!("closed {day}"),
                                None => format!("open since {}", r.opened_on),
                            };
                            view! {
                                <li>
                                    <a href=format!("/countries/{code}/compact/reviews/{}", r.id)>{r.title}</a>
                                    {format!(" (version {}, {state})", r.compact_version)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {can_open.then(|| view! {
            <details class="edit">
                <summary>"Open a review round"</summary>
                <ActionForm action attr:class="stack narrow">
                    <CsrfField />
                    <input type="hidden" name="compact_id" value=compact_id />
                    <label for="round_title">"Title"</label>
                    <input id="round_title" name="round_title" required=true maxlength="200" />
                    <label for="opened_on">"Opens on"</label>
                    <input id="opened_on" name="opened_on" type="date" required=true value=today.to_string() />
                    <button type="submit">"Open the round"</button>
                </ActionForm>
            </details>
        })}
    }
}
