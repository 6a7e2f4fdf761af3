//! `/manage/users`: invite delegates and organizers, reset passwords, deactivate and reactivate
//! accounts, create API tokens with an expiry and revoke them. New passwords and tokens are
//! shown once.

use leptos::form::ActionForm;
use leptos::prelude::*;
use plenary_core::auth::Role;
use plenary_core::model::{ApiToken, User};
use plenary_core::views::Workspace;

use super::{loading, ManageNav};
use crate::api::*;
use crate::errors::ErrorText;
use crate::forms::{enum_choices, record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::i18n::*;
use crate::layout::{ErrorPanel, LocalTitle};
use crate::text::{date, Label};
use crate::{button_form, failure, label, reload_after};

/// The actions of this page, shared by its parts.
#[derive(Clone, Copy)]
struct Actions {
    invite: ServerAction<InviteUser>,
    reset: ServerAction<ResetPassword>,
    active: ServerAction<SetAccountActive>,
    token: ServerAction<CreateToken>,
    revoke: ServerAction<RevokeToken>,
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let revision = Revision::provide();
    let users = Resource::new(move || revision.get(), |_| load_users());
    let tokens = Resource::new(move || revision.get(), |_| load_tokens());
    let workspace = Resource::new(|| (), |_| load_workspace());
    let actions = Actions {
        invite: ServerAction::new(),
        reset: ServerAction::new(),
        active: ServerAction::new(),
        token: ServerAction::new(),
        revoke: ServerAction::new(),
    };
    reload_after!(actions.invite);
    reload_after!(actions.active);
    reload_after!(actions.token);
    reload_after!(actions.revoke);
    let i18n = use_i18n();
    view! {
        <LocalTitle text=move || t_string!(i18n, m_accounts)/>
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                let (users, tokens, workspace) = (users.await, tokens.await, workspace.await);
                match (users, tokens, workspace) {
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => view! { <ErrorPanel error=e/> }.into_any(),
                    (Ok(users), Ok(tokens), Ok(w)) => view! { <Fresh key=revision.0.get_untracked()><UsersBody users=users.clone() tokens=tokens.clone() w=w.clone() actions/></Fresh> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn UsersBody(
    users: Vec<User>,
    tokens: Vec<ApiToken>,
    w: Workspace,
    actions: Actions,
) -> impl IntoView {
    let Actions {
        invite,
        reset,
        active,
        token,
        revoke,
    } = actions;
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
                        let (email, role, is_active) = (u.email.clone(), u.role, u.active);
                        let named = email.clone();
                        view! {
                            <tr class:inactive=!is_active>
                                <td>{u.name.clone()}{(!is_active).then(|| view! { " "<span class="badge">{t!(i18n, account_inactive)}</span> })}</td>
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
                                    {if is_active {
                                        button_form!(active, t!(i18n, deactivate), label!(i18n, deactivate), t!(i18n, deactivate_of, email = named.clone()), { "user_id" => u.id, "active" => false })
                                    } else {
                                        button_form!(active, t!(i18n, reactivate), label!(i18n, reactivate), t!(i18n, reactivate_of, email = named.clone()), { "user_id" => u.id, "active" => true })
                                    }}
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
            {move || active.value().get().and_then(|r| r.err()).map(|error| view! {
                <p class="form-error" role="alert"><ErrorText error/></p>
            })}
        </section>
        <section>
            <h2>{t!(i18n, api_tokens)}</h2>
            <ActionForm action=token attr:class="form inline">
                <Field label=label!(i18n, f_token_purpose) name="name" required=true error=token_error/>
                <Field label=label!(i18n, f_token_days) name="expires_in_days" kind="number" value=plenary_core::accounts::TOKEN_DAYS_DEFAULT.to_string() error=token_error/>
                <button type="submit">{t!(i18n, create_token)}</button>
            </ActionForm>
            {move || token.value().get().and_then(|r| r.ok()).map(|t| view! {
                <p class="done" role="status">{t!(i18n, your_token)}" "<code class="secret">{t}</code></p>
            })}
            <TokenTable tokens revoke/>
        </section>
    }
}

/// The tokens, whose and what for, with their expiry and a button to revoke each one.
#[component]
fn TokenTable(tokens: Vec<ApiToken>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let i18n = use_i18n();
    let now = chrono::Utc::now();
    (!tokens.is_empty()).then(|| view! {
        <table>
            <thead><tr><th scope="col">{t!(i18n, f_token_purpose)}</th><th scope="col">{t!(i18n, col_email)}</th><th scope="col">{t!(i18n, col_expires)}</th><th scope="col">""</th></tr></thead>
            <tbody>
                {tokens.into_iter().map(|t| {
                    let named = t.name.clone();
                    let state = if t.revoked_at.is_some() {
                        Some(t!(i18n, token_revoked).into_any())
                    } else if t.expires_at <= now {
                        Some(t!(i18n, token_expired).into_any())
                    } else {
                        None
                    };
                    let live = state.is_none();
                    view! {
                        <tr class:inactive=!live>
                            <td>{t.name.clone()}</td>
                            <td>{t.user_email.clone()}</td>
                            <td>{date(t.expires_at.date_naive())}{state.map(|s| view! { " "<span class="badge">{s}</span> })}</td>
                            <td>{live.then(|| button_form!(revoke, t!(i18n, revoke), label!(i18n, revoke), t!(i18n, revoke_token, name = named.clone()), { "token_id" => t.id }))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    })
}
