//! The actions of the strategy page: any of them that succeeds refreshes
//! the page; a refused one keeps what was typed and shows why.

use leptos::prelude::*;

use crate::components::{form_error, successes};
use crate::server_fns::{
    AddAgreement, AddComment, AddPillar, AddPriority, AddProvision, CreateStrategy,
    EndorseStrategy, RedraftStrategy, RemoveAgreement, RemovePillar, RemoveProvision, RenamePillar,
    ResolveComment, ReviseStrategy, SendStrategyToConsultation, SetPriorityCost, UpdateAgreement,
    UpdateProvision,
};

#[derive(Clone, Copy)]
pub(super) struct Actions {
    pub create: ServerAction<CreateStrategy>,
    pub revise: ServerAction<ReviseStrategy>,
    pub add: ServerAction<AddPriority>,
    pub cost: ServerAction<SetPriorityCost>,
    pub consult: ServerAction<SendStrategyToConsultation>,
    pub endorse: ServerAction<EndorseStrategy>,
    pub redraft: ServerAction<RedraftStrategy>,
    pub comment: ServerAction<AddComment>,
    pub resolve: ServerAction<ResolveComment>,
    pub agreement: ServerAction<AddAgreement>,
    pub update_agreement: ServerAction<UpdateAgreement>,
    pub remove_agreement: ServerAction<RemoveAgreement>,
    pub provision: ServerAction<AddProvision>,
    pub update_provision: ServerAction<UpdateProvision>,
    pub remove_provision: ServerAction<RemoveProvision>,
    pub add_pillar: ServerAction<AddPillar>,
    pub rename_pillar: ServerAction<RenamePillar>,
    pub remove_pillar: ServerAction<RemovePillar>,
}

impl Actions {
    pub fn new() -> Self {
        Self {
            create: ServerAction::new(),
            revise: ServerAction::new(),
            add: ServerAction::new(),
            cost: ServerAction::new(),
            consult: ServerAction::new(),
            endorse: ServerAction::new(),
            redraft: ServerAction::new(),
            comment: ServerAction::new(),
            resolve: ServerAction::new(),
            agreement: ServerAction::new(),
            update_agreement: ServerAction::new(),
            remove_agreement: ServerAction::new(),
            provision: ServerAction::new(),
            update_provision: ServerAction::new(),
            remove_provision: ServerAction::new(),
            add_pillar: ServerAction::new(),
            rename_pillar: ServerAction::new(),
            remove_pillar: ServerAction::new(),
        }
    }

    /// Counts the successes of every action.
    pub fn done(&self) -> Signal<usize> {
        let counts = [
            successes(self.create),
            successes(self.revise),
            successes(self.add),
            successes(self.cost),
            successes(self.consult),
            successes(self.endorse),
            successes(self.redraft),
            successes(self.comment),
            successes(self.resolve),
            successes(self.agreement),
            successes(self.update_agreement),
            successes(self.remove_agreement),
            successes(self.provision),
            successes(self.update_provision),
            successes(self.remove_provision),
            successes(self.add_pillar),
            successes(self.rename_pillar),
            successes(self.remove_pillar),
        ];
        Signal::derive(move || counts.iter().map(|c| c.get()).sum())
    }

    /// The error of the last refused action, if any.
    pub fn error(&self) -> Signal<Option<crate::AppError>> {
        let errors = [
            form_error(self.create.value()),
            form_error(self.revise.value()),
            form_error(self.add.value()),
            form_error(self.cost.value()),
            form_error(self.consult.value()),
            form_error(self.endorse.value()),
            form_error(self.redraft.value()),
            form_error(self.comment.value()),
            form_error(self.resolve.value()),
            form_error(self.agreement.value()),
            form_error(self.update_agreement.value()),
            form_error(self.remove_agreement.value()),
            form_error(self.provision.value()),
            form_error(self.update_provision.value()),
            form_error(self.remove_provision.value()),
            form_error(self.add_pillar.value()),
            form_error(self.rename_pillar.value()),
            form_error(self.remove_pillar.value()),
        ];
        Signal::derive(move || errors.iter().find_map(|e| e.get()))
    }
}
