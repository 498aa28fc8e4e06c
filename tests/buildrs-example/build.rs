//! Generates the DRS bindings from the specs at build time.

fn main() {
    specgen::build::service_or_exit("../../spec", "drs");
}
