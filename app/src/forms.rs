//! Pieces every workspace form uses: labelled fields that show their own error, choosers, the
//! form-level error line, and the page revision that makes a page reload its data after a save.
//! Labels are [`TextProp`]s so that they follow the reader's language (see [`label!`]).

use leptos::prelude::*;
use plenary_core::Error;

use crate::errors::{field_label, ErrorText};
use crate::i18n::*;
use crate::text::Label;

/// A label in the reader's language that follows a change of language: `label!(i18n, key)`.
#[macro_export]
macro_rules! label {
    ($i18n:ident, $key:ident) => {
        leptos::prelude::TextProp::from(move || $crate::i18n::t_string!($i18n, $key))
    };
}

/// Bumped after every successful save; workspace pages reload their data when it changes.
#[derive(Clone, Copy)]
pub struct Revision(pub RwSignal<u64>);

impl Revision {
    pub fn provide() -> Self {
        let revision = Revision(RwSignal::new(0));
        provide_context(revision);
        revision
    }

    pub fn get(self) -> u64 {
        self.0.get()
    }

    pub fn bump(self) {
        self.0.update(|r| *r += 1);
    }
}

/// The error of a server action's last result, if it failed.
#[macro_export]
macro_rules! failure {
    ($action:expr) => {{
        let action = $action;
        Signal::derive(move || action.value().get().and_then(|r| r.err()))
    }};
}

/// Reloads the page's data (via [`Revision`]) whenever `$action` succeeds.
#[macro_export]
macro_rules! reload_after {
    ($action:expr) => {{
        let action = $action;
        if let Some(revision) = use_context::<$crate::forms::Revision>() {
            Effect::new(move |_| {
                if matches!(action.value().get(), Some(Ok(_))) {
                    revision.bump();
                }
            });
        }
    }};
}

/// A small form that posts one button (move, delete) for record `id`. The button shows `$shown`
/// (an arrow, "Delete") with `$tip` as its tooltip; screen readers hear `$full`, which names the
/// record ("Delete Governor Liu Ning").
#[macro_export]
macro_rules! button_form {
    ($action:expr, $shown:expr, $tip:expr, $full:expr, { $($name:literal => $value:expr),* }) => {{
        let fields: Vec<(&'static str, String)> = vec![$(($name, $value.to_string())),*];
        let (shown, tip, full): (_, leptos::prelude::TextProp, _) = ($shown, $tip, $full);
        view! {
            <ActionForm action=$action attr:class="button-form">
                {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <button type="submit" title=move || tip.get().to_string()>
                    <span aria-hidden="true">{shown}</span>
                    <span class="visually-hidden">{full}</span>
                </button>
            </ActionForm>
        }
    }};
}

/// An "Edit" disclosure holding a record's form; `name` names the record for screen readers.
#[component]
pub fn EditPanel(
    name: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class=format!("panel {class}")>
            <summary>
                <span aria-hidden="true">{t!(i18n, edit)}</span>
                <span class="visually-hidden">{t!(i18n, edit_named, name = move || name.clone())}</span>
            </summary>
            {children()}
        </details>
    }
}

/// A labelled input; shows the error of `error` when it names this field. A text takes at most
/// as many characters as core's validation of the field does (`limits::max_for`).
#[component]
pub fn Field(
    #[prop(into)] label: TextProp,
    name: &'static str,
    #[prop(optional)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<Error>>,
) -> impl IntoView {
    let id = format!("f-{name}-{}", next_id());
    let error = about(name, error);
    let error_id = format!("{id}-error");
    let maxlength = matches!(kind, "text" | "email" | "search" | "password" | "url")
        .then(|| plenary_core::model::limits::max_for(name))
        .flatten()
        .map(|max| max.to_string());
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || label.get().to_string()}</label>
            <input id=id type=kind name=name value=value required=required maxlength=maxlength aria-describedby=error_id.clone()/>
            <FieldError id=error_id error/>
        </div>
    }
}

/// A labelled chooser over `choices`; `none` adds an empty "(none)" choice first.
#[component]
pub fn Choice(
    #[prop(into)] label: TextProp,
    name: &'static str,
    #[prop(into)] choices: Options,
    #[prop(optional)] selected: String,
    #[prop(optional)] none: bool,
    #[prop(into)] error: Signal<Option<Error>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}-{}", next_id());
    let error = about(name, error);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || label.get().to_string()}</label>
            <select id=id name=name aria-describedby=error_id.clone()>
                {none.then(|| view! { <option value="">{t!(i18n, choice_none)}</option> })}
                {choices.0.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{move || text.get().to_string()}</option> }
                }).collect_view()}
            </select>
            <FieldError id=error_id error/>
        </div>
    }
}

/// The error next to a field, in the reader's language.
#[component]
pub fn FieldError(#[prop(into)] id: String, error: Signal<Option<Error>>) -> impl IntoView {
    view! {
        <span class="field-error" id=id role="alert">
            {move || error.get().map(|error| view! { <ErrorText error/> })}
        </span>
    }
}

/// `error` when it is about the field `name` (`form[title]` is the field `title`).
pub fn about(name: &'static str, error: Signal<Option<Error>>) -> Signal<Option<Error>> {
    let field = name
        .rsplit('[')
        .next()
        .unwrap_or(name)
        .trim_end_matches(']');
    Signal::derive(move || error.get().filter(|e| e.field() == Some(field)))
}

/// The choices of a chooser: (value, text); a domain value's text follows the reader's language.
pub struct Options(Vec<(String, TextProp)>);

impl From<Vec<(String, String)>> for Options {
    fn from(choices: Vec<(String, String)>) -> Self {
        Options(
            choices
                .into_iter()
                .map(|(value, text)| (value, text.into()))
                .collect(),
        )
    }
}

/// Choices from a domain enum's `values()`, labelled in the reader's language.
pub fn enum_choices<T>(values: &'static [T]) -> Options
where
    T: Label + Copy + Into<&'static str> + Send + Sync + 'static,
{
    Options(
        values
            .iter()
            .map(|v| {
                let v = *v;
                (v.into().to_owned(), TextProp::from(move || v.tr()))
            })
            .collect(),
    )
}

/// Choices from records: (id, name).
pub fn record_choices<T>(records: &[T], f: impl Fn(&T) -> (i64, String)) -> Vec<(String, String)> {
    records
        .iter()
        .map(f)
        .map(|(id, name)| (id.to_string(), name))
        .collect()
}

/// An error that belongs to no single field of the form (or names a field it does not show),
/// after the label of the field it names.
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<Error>>,
    #[prop(optional)] fields: &'static [&'static str],
) -> impl IntoView {
    let shown = move || {
        error
            .get()
            .filter(|e| e.field().is_none_or(|f| !fields.contains(&f)))
    };
    view! {
        <p class="form-error" role="alert">
            {move || shown().map(|error| {
                let field = error.field().and_then(field_label).map(|label| format!("{label}: "));
                view! { {field}<ErrorText error/> }
            })}
        </p>
    }
}

/// Unique ids for labels within one render.
fn next_id() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Renders `children` on fresh elements whenever `key` changes. Reloaded data would otherwise be
/// patched into the elements already on the page, and a form field the user had typed in would
/// keep its old text next to another record.
#[component]
pub fn Fresh(key: u64, children: ChildrenFn) -> impl IntoView {
    view! {
        <For each=move || [key] key=|k| *k let:_k>
            {children()}
        </For>
    }
}
