//! The default theme is compiled into the binary (`include_dir!` in src/theme.rs). Cargo does not
//! see those files as inputs by itself, so a change to the theme would not rebuild the binary;
//! this tells it to watch the folder.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
