//! The logged-in account and the actions that change it, shared through context.

use leptos::prelude::*;

use crate::accounts::{
    Account, ChangePassword, Login, Logout, LogoutEverywhere, SignUp, current_account,
};
use crate::error::AppError;

/// Login state for the whole app.
#[derive(Clone, Copy)]
pub struct Auth {
    /// The logged-in account; `None` inside for a visitor.
    pub account: Resource<Result<Option<Account>, AppError>>,
    pub login: ServerAction<Login>,
    pub sign_up: ServerAction<SignUp>,
    pub logout: ServerAction<Logout>,
    pub change_password: ServerAction<ChangePassword>,
    pub logout_everywhere: ServerAction<LogoutEverywhere>,
}

impl Auth {
    /// The account if known and logged in.
    pub fn current(&self) -> Option<Account> {
        self.account.get().and_then(Result::ok).flatten()
    }
}

pub fn provide_auth() {
    let login = ServerAction::<Login>::new();
    let sign_up = ServerAction::<SignUp>::new();
    let logout = ServerAction::<Logout>::new();
    let change_password = ServerAction::<ChangePassword>::new();
    let logout_everywhere = ServerAction::<LogoutEverywhere>::new();
    // Re-read who is logged in whenever one of these actions completes.
    let account = Resource::new(
        move || {
            (
                login.version().get(),
                sign_up.version().get(),
                logout.version().get(),
                change_password.version().get(),
                logout_everywhere.version().get(),
            )
        },
        |_| current_account(),
    );
    provide_context(Auth {
        account,
        login,
        sign_up,
        logout,
        change_password,
        logout_everywhere,
    });
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
