//! `/manage/users`: invite delegates and organizers, reset passwords, create API tokens. New
//! passwords and tokens are shown once.

use leptos::form::ActionForm;
use leptos::prelude::*;
use plenary_core::auth::Role;
use plenary_core::model::User;
use plenary_core::views::Workspace;

use super::{loading, ManageNav};
use crate::api::*;
use crate::errors::ErrorText;
use crate::forms::{enum_choices, record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};
use crate::text::Label;
use crate::{failure, label, reload_after};

#[component]
pub fn UsersPage() -> impl IntoView {
    let revision = Revision::provide();
    let users = Resource::new(move || revision.get(), |_| load_users());
    let workspace = Resource::new(|| (), |_| load_workspace());
    let invite = ServerAction::<InviteUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let token = ServerAction::<CreateToken>::new();
    reload_after!(invite);
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, m_accounts)/>
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                let (users, workspace) = (users.await, workspace.await);
                match (users, workspace) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorPanel error=e/> }.into_any(),
                    (Ok(users), Ok(w)) => view! { <Fresh key=revision.0.get_untracked()><UsersBody users=users.clone() w=w.clone() invite reset token/></Fresh> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn UsersBody(
    users: Vec<User>,
    w: Workspace,
    invite: ServerAction<InviteUser>,
    reset: ServerAction<ResetPassword>,
    token: ServerAction<CreateToken>,
) -> impl IntoView {
    let error = failure!(invite);
    let token_error = failure!(token);
    let members = record_choices(&w.members, |m| (m.id, m.name.clone()));
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, m_accounts)}</h1>
        <ManageNav/>
        <section>
            <h2>{t!(i18n, invite)}</h2>
            <ActionForm action=invite attr:class="form grid">
                <Field label=label!(i18n, email) name="email" kind="email" required=true error/>
                <Field label=label!(i18n, f_person_name) name="name" required=true error/>
                <Choice label=label!(i18n, f_account_role) name="role" choices=enum_choices(Role::values()) selected="delegate".to_owned() error/>
                <Choice label=label!(i18n, f_delegate_member) name="member_id" choices=members none=true error/>
                <FormError error fields=&["email", "name", "role", "member_id"]/>
                <button type="submit">{t!(i18n, invite)}</button>
            </ActionForm>
            {move || invite.value().get().and_then(|r| r.ok()).map(|(u, password)| view! {
                <p class="done" role="status">{t!(i18n, invited, email = move || u.email.clone())}" "<code class="secret">{password}</code></p>
            })}
        </section>
        <section>
            <h2>{t!(i18n, users)}</h2>
            <table>
                <thead><tr><th scope="col">{t!(i18n, f_person_name)}</th><th scope="col">{t!(i18n, col_email)}</th><th scope="col">{t!(i18n, f_account_role)}</th><th scope="col">""</th></tr></thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let (email, role) = (u.email.clone(), u.role);
                        view! {
                            <tr>
                                <td>{u.name.clone()}</td>
                                <td>{u.email.clone()}</td>
                                <td>{move || role.tr()}</td>
                                <td>
                                    <ActionForm action=reset attr:class="button-form">
                                        <input type="hidden" name="user_id" value=u.id.to_string()/>
                                        <button type="submit">
                                            <span aria-hidden="true">{t!(i18n, reset_password)}</span>
                                            <span class="visually-hidden">{t!(i18n, reset_password_of, email = move || email.clone())}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || reset.value().get().map(|r| match r {
                Ok((u, password)) => view! { <p class="done" role="status">{t!(i18n, new_password_for, email = move || u.email.clone())}" "<code class="secret">{password}</code></p> }.into_any(),
                Err(error) => view! { <p class="form-error" role="alert"><ErrorText error/></p> }.into_any(),
            })}
        </section>
        <section>
            <h2>{t!(i18n, api_tokens)}</h2>
            <ActionForm action=token attr:class="form inline">
                <Field label=label!(i18n, f_token_purpose) name="name" required=true error=token_error/>
                <button type="submit">{t!(i18n, create_token)}</button>
            </ActionForm>
            {move || token.value().get().and_then(|r| r.ok()).map(|t| view! {
                <p class="done" role="status">{t!(i18n, your_token)}" "<code class="secret">{t}</code></p>
            })}
        </section>
    }
}
