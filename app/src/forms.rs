//! Pieces every workspace form uses: labelled fields that show their own error, choosers, the
//! form-level error line, and the page revision that makes a page reload its data after a save.

use leptos::prelude::*;
use plenary_core::Error;

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

/// A small form that posts one button (move, delete) for record `id`.
#[macro_export]
macro_rules! button_form {
    ($action:expr, $label:expr, $aria:expr, { $($name:literal => $value:expr),* }) => {{
        let aria: String = $aria;
        let fields: Vec<(&'static str, String)> = vec![$(($name, $value.to_string())),*];
        view! {
            <ActionForm action=$action attr:class="button-form">
                {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <button type="submit" aria-label=aria.clone() title=aria>{$label}</button>
            </ActionForm>
        }
    }};
}

/// An "Edit" disclosure holding a record's form; `label` names the record for screen readers.
#[component]
pub fn EditPanel(label: String, children: Children) -> impl IntoView {
    view! {
        <details class="panel">
            <summary aria-label=label>"Edit"</summary>
            {children()}
        </details>
    }
}

/// A labelled input; shows the error of `error` when it names this field.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(optional)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<Error>>,
) -> impl IntoView {
    let id = format!("f-{name}-{}", next_id());
    let message = message_for(name, error);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || message.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input id=id type=kind name=name value=value required=required aria-describedby=error_id.clone()/>
            <span class="field-error" id=error_id role="alert">{message}</span>
        </div>
    }
}

/// A labelled chooser over `choices` (value, label); `empty` adds a "none" choice first.
#[component]
pub fn Choice(
    label: &'static str,
    name: &'static str,
    choices: Vec<(String, String)>,
    #[prop(optional)] selected: String,
    #[prop(optional)] empty: Option<&'static str>,
    #[prop(into)] error: Signal<Option<Error>>,
) -> impl IntoView {
    let id = format!("f-{name}-{}", next_id());
    let message = message_for(name, error);
    view! {
        <div class="field" class:invalid=move || message.get().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {choices.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
            <span class="field-error" role="alert">{message}</span>
        </div>
    }
}

/// The message of `error` when it is about the field `name` (`form[title]` is the field `title`).
fn message_for(name: &'static str, error: Signal<Option<Error>>) -> Signal<Option<String>> {
    let field = name
        .rsplit('[')
        .next()
        .unwrap_or(name)
        .trim_end_matches(']');
    Signal::derive(move || {
        error
            .get()
            .filter(|e| e.field() == Some(field))
            .map(|e| e.to_string())
    })
}

/// Choices from a domain enum's `choices()`.
pub fn enum_choices(choices: Vec<(&'static str, &'static str)>) -> Vec<(String, String)> {
    choices
        .into_iter()
        .map(|(v, l)| (v.to_owned(), l.to_owned()))
        .collect()
}

/// Choices from records: (id, name).
pub fn record_choices<T>(records: &[T], f: impl Fn(&T) -> (i64, String)) -> Vec<(String, String)> {
    records
        .iter()
        .map(f)
        .map(|(id, name)| (id.to_string(), name))
        .collect()
}

/// An error that belongs to no single field of the form (or names a field it does not show).
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<Error>>,
    #[prop(optional)] fields: &'static [&'static str],
) -> impl IntoView {
    let message = move || {
        error
            .get()
            .filter(|e| e.field().is_none_or(|f| !fields.contains(&f)))
            .map(|e| e.to_string())
    };
    view! { <p class="form-error" role="alert">{message}</p> }
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
