//! The `ri-chase` binary: everything is in the library; this only starts it.

fn main() -> std::process::ExitCode {
    ri_chase::cli::main()
}
