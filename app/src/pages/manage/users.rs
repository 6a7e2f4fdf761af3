//! `/manage/users`: invite delegates and organizers, reset passwords, create API tokens. New
//! passwords and tokens are shown once.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use plenary_core::auth::Role;
use plenary_core::model::User;
use plenary_core::views::Workspace;

use super::ManageNav;
use crate::api::*;
use crate::forms::{enum_choices, record_choices, Choice, Field, FormError, Fresh, Revision};
use crate::layout::ErrorPanel;
use crate::{failure, reload_after};

#[component]
pub fn UsersPage() -> impl IntoView {
    let revision = Revision::provide();
    let users = Resource::new(move || revision.get(), |_| load_users());
    let workspace = Resource::new(|| (), |_| load_workspace());
    let invite = ServerAction::<InviteUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let token = ServerAction::<CreateToken>::new();
    reload_after!(invite);
    view! {
        <Title text="Accounts"/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
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
    view! {
        <h1>"Accounts"</h1>
        <ManageNav/>
        <section>
            <h2>"Invite"</h2>
            <ActionForm action=invite attr:class="form grid">
                <Field label="E-mail address" name="email" kind="email" required=true error/>
                <Field label="Name" name="name" required=true error/>
                <Choice label="Role" name="role" choices=enum_choices(Role::choices()) selected="delegate".to_owned() error/>
                <Choice label="Member government (delegates)" name="member_id" choices=members empty="(none)" error/>
                <FormError error fields=&["email", "name", "role", "member_id"]/>
                <button type="submit">"Invite"</button>
            </ActionForm>
            {move || invite.value().get().and_then(|r| r.ok()).map(|(u, password)| view! {
                <p class="done" role="status">{format!("Invited {}. First password: ", u.email)}<code class="secret">{password}</code></p>
            })}
        </section>
        <section>
            <h2>"Users"</h2>
            <table>
                <thead><tr><th scope="col">"Name"</th><th scope="col">"E-mail"</th><th scope="col">"Role"</th><th scope="col">""</th></tr></thead>
                <tbody>
                    {users.into_iter().map(|u| view! {
                        <tr>
                            <td>{u.name.clone()}</td>
                            <td>{u.email.clone()}</td>
                            <td>{u.role.label()}</td>
                            <td>
                                <ActionForm action=reset attr:class="button-form">
                                    <input type="hidden" name="user_id" value=u.id.to_string()/>
                                    <button type="submit" aria-label=format!("Reset the password of {}", u.email)>"Reset password"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || reset.value().get().map(|r| match r {
                Ok((u, password)) => view! { <p class="done" role="status">{format!("New password for {}: ", u.email)}<code class="secret">{password}</code></p> }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </section>
        <section>
            <h2>"API tokens"</h2>
            <ActionForm action=token attr:class="form inline">
                <Field label="What the token is for" name="name" required=true error=token_error/>
                <button type="submit">"Create token"</button>
            </ActionForm>
            {move || token.value().get().and_then(|r| r.ok()).map(|t| view! {
                <p class="done" role="status">"Your token (shown once): "<code class="secret">{t}</code></p>
            })}
        </section>
    }
}
