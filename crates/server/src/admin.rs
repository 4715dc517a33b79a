//! `portal-server create-admin`: the first administrator of a real deployment.

use portal_core::account::{Email, NewPassword, Role};

use crate::auth::secrets::{hash_password, new_id};
use crate::auth::totp;
use crate::db::Database;

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("{0}")]
    Email(#[from] portal_core::account::EmailError),
    #[error("{0}")]
    Password(#[from] portal_core::account::PasswordError),
    #[error("Enter a name for the administrator.")]
    Name,
    #[error("There is already an account for {0}.")]
    Exists(String),
    #[error("The account could not be saved: {0}")]
    Database(#[from] sqlx::Error),
    #[error("A secret could not be made: {0}")]
    Secret(String),
}

/// What the new administrator needs to sign in: their second-factor secret, and the same as an
/// `otpauth://` address that authenticator apps accept.
#[derive(Debug)]
pub struct CreatedAdmin {
    pub totp_secret: String,
    pub otpauth_uri: String,
}

pub async fn create_admin(
    db: &Database,
    email: &str,
    name: &str,
    password: &str,
    now: i64,
) -> Result<CreatedAdmin, CreateAdminError> {
    let email = Email::parse(email)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(CreateAdminError::Name);
    }
    let password = NewPassword::parse(password, email.as_str())?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(db.pool())
        .await?;
    if exists.is_some() {
        return Err(CreateAdminError::Exists(email.to_string()));
    }
    let secret = |e: &dyn std::fmt::Display| CreateAdminError::Secret(e.to_string());
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| secret(&e))?
        .map_err(|e| secret(&e))?;
    let totp_secret = totp::new_secret().map_err(|e| secret(&e))?;
    sqlx::query(
        "INSERT INTO users (id, email, display_name, role, password_hash, totp_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id().map_err(|e| secret(&e))?)
    .bind(email.as_str())
    .bind(name)
    .bind(Role::Administrator.as_str())
    .bind(hash)
    .bind(&totp_secret)
    .bind(now)
    .execute(db.pool())
    .await?;
    let otpauth_uri = format!(
        "otpauth://totp/Foster%20Carer%20Portal:{}?secret={totp_secret}&issuer=Foster%20Carer%20Portal",
        email.as_str().replace('@', "%40")
    );
    Ok(CreatedAdmin {
        totp_secret,
        otpauth_uri,
    })
}
