//! Rebuilds the core crate when a migration is added: `sqlx::migrate!` embeds the files it
//! found when it last compiled and does not itself watch the directory for new ones.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
