use std::process::ExitCode;

use clap::Parser;
use portal_server::config::Command;
use portal_server::{Clock as _, Config, LogFormat, SystemClock};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    init_logging(config.log_format);
    match &config.command {
        Some(Command::CreateAdmin { email, name }) => {
            return create_admin(&config, email, name).await;
        }
        Some(Command::Restored) => return restored(&config).await,
        None => {}
    }
    let result = portal_server::run(&config, |addr| {
        // This line is the server's promise that it is ready; tools and tests wait for it.
        println!("Foster Carer Portal is serving on http://{addr}");
    })
    .await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "could not start");
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("PORTAL_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

async fn restored(config: &Config) -> ExitCode {
    let db = match portal_server::open_database(config).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    match db.new_epoch().await {
        Ok(_) => {
            println!(
                "The database is marked as restored. Devices will pull everything again at their next sync, and send again what they sent since the backup."
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn create_admin(config: &Config, email: &str, name: &str) -> ExitCode {
    eprintln!("Type the new administrator's password and press Enter:");
    let mut password = String::new();
    if std::io::stdin().read_line(&mut password).is_err() {
        eprintln!("error: no password was given on standard input.");
        return ExitCode::FAILURE;
    }
    let password = password.trim_end_matches(['\r', '\n']);
    let db = match portal_server::open_database(config).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    match portal_server::admin::create_admin(&db, email, name, password, SystemClock.now()).await {
        Ok(created) => {
            println!("Administrator {email} created.");
            println!(
                "Add this secret to their authenticator app: {}",
                created.totp_secret
            );
            println!("(or as a link: {})", created.otpauth_uri);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
