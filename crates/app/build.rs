// The demo workspace is embedded with include_dir!, which cargo does not track: rebuild this
// crate whenever a file under demo-workspace/ changes (cargo scans the folder recursively).
fn main() {
    println!("cargo:rerun-if-changed=demo-workspace");
}
