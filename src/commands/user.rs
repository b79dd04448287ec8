//! `paperlite user add|token|tokens|revoke|disable|enable|list`: accounts for the web UI
//! and API tokens for scripts.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use service::accounts::{hash_password, random_hex, Role};
use service::operations;

use crate::config::{FileConfig, StoreArgs};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (or replace an existing user's password and role).
    Add(AddArgs),
    /// Create an API token for a user's scripts (`Authorization: Bearer ...`); it is
    /// printed once and only its hash is stored.
    Token(TokenArgs),
    /// List API tokens (id, user, created, expires, last used, state); never the secrets.
    Tokens(TokensArgs),
    /// Revoke an API token by the id `paperlite user tokens` shows.
    Revoke(RevokeArgs),
    /// Disable a user: they cannot log in, their sessions end and their tokens are revoked.
    Disable(NameArgs),
    /// Enable a disabled user again (their old tokens stay revoked).
    Enable(NameArgs),
    /// List users, their roles and whether they are disabled.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Username: letters, digits, '.', '_' or '-'.
    pub name: String,
    /// records_staff, consultant, clinician, data_scientist or admin.
    #[arg(long)]
    pub role: String,
    /// Read the password from the first line of standard input (otherwise one is
    /// generated and printed).
    #[arg(long)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    pub name: String,
    /// Days the token lasts.
    #[arg(long, default_value_t = service::accounts::DEFAULT_TOKEN_DAYS)]
    pub days: i64,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct TokensArgs {
    /// Only this user's tokens.
    pub name: Option<String>,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// The token's id (12 hex digits, from `paperlite user tokens`).
    pub id: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct NameArgs {
    pub name: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Shortest password accepted.
const MIN_PASSWORD: usize = 10;

pub async fn run(cmd: UserCommand, file: &FileConfig) -> anyhow::Result<ExitCode> {
    match cmd {
        UserCommand::Add(args) => {
            let role: Role = args.role.parse()?;
            let (password, generated) = if args.password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .context("cannot read the password from standard input")?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (random_hex(8)?, true)
            };
            anyhow::ensure!(
                password.chars().count() >= MIN_PASSWORD,
                "the password must have at least {MIN_PASSWORD} characters"
            );
            let (store, _) = args.store.open(file).await?;
            let hash = tokio::task::spawn_blocking(move || {
                hash_password(&password).map(|h| (h, password))
            })
            .await
            .context("hashing task failed")??;
            store.put_user(&args.name, &hash.0, role).await?;
            store.close().await;
            if generated {
                println!("user {} ({role}) password: {}", args.name, hash.1);
            } else {
                println!("user {} ({role}) saved", args.name);
            }
        }
        UserCommand::Token(args) => {
            let (store, _) = args.store.open(file).await?;
            let token = store
                .create_api_token_for(&args.name, Some(args.days))
                .await?;
            store.close().await;
            println!("{token}");
        }
        UserCommand::Tokens(args) => {
            let (store, _) = args.store.open(file).await?;
            let tokens = store.api_tokens(args.name.as_deref()).await?;
            store.close().await;
            println!("id\tuser\tcreated\texpires\tlast_used\tstate");
            for t in tokens {
                let state = match (&t.revoked_at, t.is_live()) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, true) => "live".to_string(),
                    (None, false) => "expired".to_string(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{state}",
                    t.id,
                    t.username,
                    t.created_at,
                    t.expires_at.as_deref().unwrap_or("never"),
                    t.last_used_at.as_deref().unwrap_or("never"),
                );
            }
        }
        UserCommand::Revoke(args) => {
            let (store, _) = args.store.open(file).await?;
            // Audited as the `cli` user, in one transaction with the revocation.
            let owner = operations::revoke_token(&store, CLI_USER, &args.id).await?;
            store.close().await;
            match owner {
                Some(owner) => println!("token {} of {owner} revoked", args.id),
                None => anyhow::bail!("no unrevoked token with id {}", args.id),
            }
        }
        UserCommand::Disable(args) => set_disabled(args, true, file).await?,
        UserCommand::Enable(args) => set_disabled(args, false, file).await?,
        UserCommand::List(args) => {
            let (store, _) = args.store.open(file).await?;
            for u in store.accounts().await? {
                let state = if u.disabled_at.is_some() {
                    "disabled"
                } else {
                    "active"
                };
                println!("{}\t{}\t{state}", u.username, u.role);
            }
            store.close().await;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn set_disabled(args: NameArgs, disabled: bool, file: &FileConfig) -> anyhow::Result<()> {
    let (store, _) = args.store.open(file).await?;
    let found = operations::set_user_disabled(&store, CLI_USER, &args.name, disabled).await?;
    store.close().await;
    anyhow::ensure!(found, "no user {:?}", args.name);
    if disabled {
        println!(
            "user {} disabled: sessions ended, API tokens revoked",
            args.name
        );
    } else {
        println!("user {} enabled", args.name);
    }
    Ok(())
}

/// Who account changes made from the command line are audited as.
const CLI_USER: &str = "cli";
