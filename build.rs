fn main() {
    // The default theme is embedded with include_dir; rebuild when it changes.
    println!("cargo:rerun-if-changed=themes/default");
}
