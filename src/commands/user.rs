//! `paperlite user add|token|list`: accounts for the web UI and API tokens for scripts.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Context;
use api::accounts::{hash_password, random_hex, Role};
use clap::{Args, Subcommand};

use crate::config::{FileConfig, StoreArgs};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (or replace an existing user's password and role).
    Add(AddArgs),
    /// Create an API token for a user's scripts (`Authorization: Bearer ...`); it is
    /// printed once and only its hash is stored.
    Token(TokenArgs),
    /// List users and their roles.
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
            let token = store.create_api_token(&args.name).await?;
            store.close().await;
            println!("{token}");
        }
        UserCommand::List(args) => {
            let (store, _) = args.store.open(file).await?;
            for u in store.users().await? {
                println!("{}\t{}", u.username, u.role);
            }
            store.close().await;
        }
    }
    Ok(ExitCode::SUCCESS)
}
