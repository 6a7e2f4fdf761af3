//! The association's own record: the form that sets it up on a new database (the workspace
//! shows it before anything else) and edits it afterwards at `/manage/association`.

use leptos::form::ActionForm;
use leptos::prelude::*;
use plenary_core::model::NewAssociation;

use super::{loading, ManageNav};
use crate::api::{load_association_setup, SaveAssociation};
use crate::forms::{Field, FormError, Fresh, Revision};
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};
use crate::{failure, label, reload_after};

/// The fields of the form, in the order the form shows them.
const FIELDS: &[&str] = &[
    "name",
    "short_name",
    "languages",
    "time_zone",
    "secretariat",
    "founded_year",
];

/// `/manage/association`: the association's record, to edit (or to set up, on a new database).
#[component]
pub fn AssociationPage() -> impl IntoView {
    let revision = Revision::provide();
    let data = Resource::new(move || revision.get(), |_| load_association_setup());
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, association_title)/>
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(a) => view! {
                        <Fresh key=revision.0.get_untracked()>
                            <h1>{t!(i18n, association_title)}</h1>
                            <ManageNav/>
                            <AssociationForm association=a.clone()/>
                        </Fresh>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What the workspace shows on a database without an association: the form to set it up, and
/// nothing else. Saving it reloads the workspace, which then has its association.
#[component]
pub fn AssociationSetup() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, setup_title)/>
        <h1>{t!(i18n, setup_title)}</h1>
        <p class="lead">{t!(i18n, setup_lead)}</p>
        <AssociationForm association=None/>
    }
}

/// Sets up the association (`association` none) or edits it. The fields' names are stable (the
/// browser tests fill them in): name, short_name, languages, time_zone, secretariat,
/// founded_year.
#[component]
pub fn AssociationForm(association: Option<NewAssociation>) -> impl IntoView {
    let save = ServerAction::<SaveAssociation>::new();
    reload_after!(save);
    let error = failure!(save);
    let i18n = use_i18n();
    let text = |f: fn(&NewAssociation) -> String| association.as_ref().map(f).unwrap_or_default();
    let (name, short_name, languages) = (
        text(|a| a.name.clone()),
        text(|a| a.short_name.clone()),
        text(|a| a.languages.join(", ")),
    );
    let (time_zone, secretariat, founded_year) = (
        text(|a| a.time_zone.clone()),
        text(|a| a.secretariat.clone()),
        text(|a| a.founded_year.to_string()),
    );
    let button = if association.is_some() {
        t!(i18n, save_association).into_any()
    } else {
        t!(i18n, create_association).into_any()
    };
    view! {
        <ActionForm action=save attr:class="form grid" attr:id="association">
            <Field label=label!(i18n, f_name) name="name" value=name required=true error/>
            <Field label=label!(i18n, f_short_name) name="short_name" value=short_name required=true error/>
            <Field label=label!(i18n, f_languages) name="languages" value=languages required=true error/>
            <Field label=label!(i18n, f_default_time_zone) name="time_zone" value=time_zone required=true error/>
            <Field label=label!(i18n, secretariat) name="secretariat" value=secretariat required=true error/>
            <Field label=label!(i18n, f_founded_year) name="founded_year" kind="number" value=founded_year required=true error/>
            <FormError error fields=FIELDS/>
            <button type="submit">{button}</button>
        </ActionForm>
        {move || save.value().get().and_then(|r| r.ok()).map(|_| view! {
            <p class="done" role="status">{t!(i18n, association_saved)}</p>
        })}
    }
}
