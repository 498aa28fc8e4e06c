//! What a page prints beside its tables, carried through to the back ends as printed: example
//! requests and responses (shown in docs, exported to OpenAPI, turned into round-trip tests)
//! and the hand-written example programs of a service. `model::examples` checks the JSON
//! against the resolved types; nothing here is interpreted.

/// The examples of one operation's page, in page order.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    /// Example requests.
    pub requests: Vec<ExampleRequest>,
    /// Example responses, one per status, in page order.
    pub responses: Vec<ExampleResponse>,
}

/// An example request as the page prints it.
#[derive(Debug, Clone)]
pub struct ExampleRequest {
    /// The caption above the example.
    pub title: Option<String>,
    /// The URL exactly as printed, even where it disagrees with the path.
    pub url: Option<String>,
    /// The JSON body, as printed.
    pub body: Option<String>,
    /// Places where the example contradicts the page's own tables.
    pub discrepancies: Vec<Discrepancy>,
}

/// An example response as the page prints it.
#[derive(Debug, Clone)]
pub struct ExampleResponse {
    /// The status it answers with.
    pub status: u16,
    /// The caption above the example.
    pub description: Option<String>,
    /// The JSON body, as printed.
    pub body: Option<String>,
    /// Places where the example contradicts the page's own tables.
    pub discrepancies: Vec<Discrepancy>,
}

/// A value of a printed example that breaks the page's own schema, recorded in the spec.
#[derive(Debug, Clone)]
pub struct Discrepancy {
    /// JSON path of the value, such as `$.page_info.current_count`.
    pub path: String,
    /// What is wrong.
    pub note: String,
}

/// A hand-written program from a service's `examples/` directory, copied into its crate.
#[derive(Debug, Clone)]
pub struct ExampleProgram {
    /// File name, such as `collect_db_objects.rs`.
    pub file_name: String,
    /// Where it came from, as generated headers name it.
    pub origin: String,
    /// The program.
    pub text: String,
}
