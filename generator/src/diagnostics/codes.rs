//! The stable code of every kind of problem the generator reports, as rustc's `E0308`: a
//! reader can look a code up in `spec/README.md` ("Diagnostic codes"), and tools can match on
//! it without parsing message texts, which may be reworded.
//!
//! `E` codes are errors in a spec, `W` codes warnings about one, `I` codes what the importer
//! reports about a page (gaps it did not understand, quirks it kept).
//!
//! Codes are append-only: NEVER renumber or reuse one, even when its variant is removed (leave
//! its number out); a new kind of problem gets the next free number of its prefix.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Severity;

/// Declares [`Code`] with its string and title; one line per kind of problem.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $title:literal;)*) => {
        /// One kind of problem, with a stable code (see the module documentation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string, such as `E0008`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// What the problem is, in a few words.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$variant => $title,)*
                }
            }
        }
    };
}

codes! {
    // Reading and parsing spec files.
    /// A file or directory of the spec cannot be read.
    CannotRead = "E0001", "a spec file or directory cannot be read";
    /// A file in `operations/` that is not a `.yaml` operation spec.
    StrayFile = "E0002", "a file in `operations/` is not an operation spec";
    /// A file or directory name that would be copied into generated files unsafely.
    FileNameNotPlain = "E0003", "a file or directory name is not a plain name";
    /// A spec file over the size limit.
    FileTooLarge = "E0004", "a spec file is over the size limit";
    /// A YAML anchor or alias.
    AliasRefused = "E0005", "YAML anchors and aliases are not allowed";
    /// YAML the anchor check cannot read, though serde_yaml might.
    YamlParsersDisagree = "E0006", "the YAML cannot be checked for anchors and aliases";
    /// Text that is not YAML.
    YamlSyntax = "E0007", "YAML syntax error";
    /// A key the spec format does not have.
    UnknownKey = "E0008", "unknown key";
    /// A value outside a fixed set (a type, a location, a method).
    UnknownValue = "E0009", "unknown value";
    /// A required key left out.
    MissingKey = "E0010", "missing required key";
    /// A key written twice in one mapping.
    DuplicateKey = "E0011", "duplicate key";
    /// A value sent on the wire written as an unquoted YAML boolean, number or null.
    UnquotedWireValue = "E0012", "a wire value is not a YAML string";
    /// A value of the wrong YAML type (a list where a mapping belongs, text for a number).
    WrongValueType = "E0013", "a value has the wrong YAML type";

    // Limits (spec/README.md, "Limits").
    /// More entries than the limit allows.
    TooManyEntries = "E0014", "more entries than the limit allows";
    /// A name, text or example longer than the limit allows.
    TooLong = "E0015", "a name, text or example is longer than the limit allows";
    /// Inline shapes nested deeper than the limit allows.
    NestedTooDeep = "E0016", "shapes are nested too deep";

    // The service file.
    /// `name` is not a service name.
    InvalidServiceName = "E0017", "not a service name";
    /// `name` differs from the service's directory.
    ServiceNameMismatch = "E0018", "the service name differs from its directory";
    /// `crate` is not a crate name.
    InvalidCrateName = "E0019", "not a crate name";
    /// `version` is not a semantic version.
    InvalidVersion = "E0020", "not a semantic version";
    /// `auth` is empty.
    NoAuthScheme = "E0021", "no authentication scheme";
    /// A regional service's endpoint without `{region}`.
    EndpointWithoutRegion = "E0022", "a regional endpoint has no `{region}` placeholder";
    /// A reference to a model that does not exist.
    UnknownModel = "E0023", "no such model";
    /// A region that is not a region name.
    InvalidRegionName = "E0024", "not a region name";
    /// A value listed twice where each must be unique (regions, enum values, headers, placeholders).
    DuplicateValue = "E0025", "a value is listed twice";
    /// A region endpoint for a region not under `regions`.
    UnlistedRegion = "E0026", "a region endpoint for an unlisted region";
    /// A URL that is not an http(s) URL.
    NotHttpUrl = "E0027", "not an http(s) URL";
    /// A service name the generator keeps for itself.
    ReservedServiceName = "E0028", "a reserved service name";

    // Operation files.
    /// `id` is not an UpperCamelCase operation id.
    InvalidOperationId = "E0029", "not an operation id";
    /// A query name, field name or parameter name that is empty or unprintable.
    MissingName = "E0030", "a name is empty";
    /// A name both in `query` and among the query parameters.
    FixedQueryConflict = "E0031", "a fixed query value is also a query parameter";
    /// `deprecated` with an empty note.
    EmptyDeprecationNote = "E0032", "an empty deprecation note";
    /// A header name that is not an HTTP token.
    InvalidHeaderName = "E0033", "not an HTTP header name";
    /// A request content type the runtime cannot send.
    UnsupportedContentType = "E0034", "unsupported content type";
    /// A response status that is not an HTTP status code.
    InvalidStatus = "E0035", "not an HTTP status code";
    /// No 2xx status among `responses`.
    NoSuccessStatus = "E0036", "no success status";
    /// More than one 2xx status among `responses`.
    SeveralSuccessStatuses = "E0037", "several success statuses";
    /// An example response for a status not under `responses`.
    ExampleForUnknownStatus = "E0038", "an example for an undocumented status";
    /// A path that is not a valid path template.
    InvalidPath = "E0039", "not a valid path template";
    /// A path placeholder without its parameter.
    PlaceholderWithoutParameter = "E0040", "a path placeholder has no parameter";
    /// A path placeholder whose parameter is not `in: path`.
    PlaceholderNotInPath = "E0041", "a path placeholder's parameter is not `in: path`";
    /// An `in: path` parameter the path does not have.
    PathParameterNotInPath = "E0042", "a path parameter is not in the path";
    /// A path parameter without `required: true`.
    OptionalPathParameter = "E0043", "a path parameter is not required";
    /// `from: project` where there is no project or no placeholder to fill.
    ProjectSourceMisused = "E0044", "`from: project` cannot apply here";
    /// `managed: true` on a header the runtime does not set.
    NotARuntimeHeader = "E0045", "`managed` on a header the runtime does not set";
    /// A header the runtime sets, not marked `managed: true`.
    RuntimeHeaderNotManaged = "E0046", "a header the runtime sets is not `managed`";
    /// A parameter shape a URL or header cannot carry.
    InvalidParameterShape = "E0047", "a parameter shape a URL or header cannot carry";

    // Schemas.
    /// `type: array` without `items`, or `type: map` without `values`.
    MissingElementType = "E0048", "an array or map without its element type";
    /// A key that belongs to another type (`items` without `type: array`, `minimum` on a string).
    KeyForAnotherType = "E0049", "a key that belongs to another type";
    /// A key beside `ref` other than `doc` and `required`.
    KeyBesideRef = "E0050", "a key beside `ref`";
    /// `name` on a shape that does not become a named type.
    NameOnUnnamedType = "E0051", "`name` on a shape that is not a named type";
    /// A lower bound above its upper bound.
    InvertedBounds = "E0052", "a lower bound above its upper bound";
    /// A number its type cannot hold (out of range, not finite, not whole).
    NumberDoesNotFitType = "E0053", "a number its type cannot hold";
    /// An enum without values.
    EmptyEnum = "E0054", "an enum without values";
    /// A default that breaks its own schema.
    InvalidDefault = "E0055", "a default that breaks its schema";

    // The service as a whole (resolving references and names).
    /// A model that contains itself.
    RecursiveModel = "E0056", "a recursive model";
    /// Two operations whose modules would have the same name.
    DuplicateModuleName = "E0057", "two operations with the same module name";
    /// A model that is neither an object nor an enum.
    ModelWithoutShape = "E0058", "a model is neither an object nor an enum";
    /// `error.code`/`error.message` naming no string field of the error model.
    ErrorFieldNotFound = "E0059", "an error field that is not a string field of the model";
    /// Error statuses of one operation with different bodies.
    ErrorBodiesDiffer = "E0060", "error statuses with different bodies";
    /// An error body that is not an object.
    ErrorBodyNotObject = "E0061", "an error body that is not an object";
    /// Response headers without an inline success body to carry them.
    HeadersWithoutBody = "E0062", "response headers without a success body";
    /// A type name that is not UpperCamelCase.
    InvalidTypeName = "E0063", "not a type name";
    /// `type: file` anywhere but a success response body.
    MisplacedFileBody = "E0064", "`type: file` outside a success response body";
    /// A type name the generated code itself uses.
    ReservedTypeName = "E0065", "a reserved type name";
    /// Two shapes with the same type name.
    TypeNamesCollide = "E0066", "two types with the same name";

    // Examples.
    /// A request example with a body for an operation without one.
    UnexpectedExampleBody = "E0067", "an example body for an operation without a body";
    /// An example value that breaks its schema (and is not a listed discrepancy).
    ExampleBreaksSchema = "E0068", "an example value breaks its schema";
    /// A listed discrepancy where the example fits its schema.
    StaleDiscrepancy = "E0069", "a listed discrepancy that is not one";
    /// An example body that is not JSON.
    ExampleNotJson = "E0070", "an example is not valid JSON";
    /// An example URL parameter whose value breaks its declaration.
    InvalidExampleUrlParameter = "E0071", "an example URL parameter breaks its declaration";

    // Other stages.
    /// Operations OpenAPI writes as one (same method, same path up to parameter names) that
    /// cannot be: a parameter declared differently, or a joined id that is taken.
    OpenApiPathConflict = "E0072", "operations OpenAPI writes as one disagree";
    /// A service name given to `build.rs` that the spec directory does not have.
    UnknownService = "E0073", "no such service";
    /// A bug in the generator, not in the spec.
    Internal = "E0074", "internal error";

    // Recorded hand edits (`edits:`, checked by `specgen import --check`).
    /// An `edits` entry that is not well-formed: a path that does not parse, an empty `why`,
    /// two entries at one path or one inside another.
    InvalidEdit = "E0075", "an `edits` entry that is not well-formed";
    /// A value of an imported spec that departs from what the import writes, with no `edits`
    /// entry recording it.
    UnrecordedEdit = "E0076", "a departure from the import that `edits` does not record";
    /// An `edits` entry whose path no longer departs from what the import writes.
    StaleEdit = "E0077", "a recorded edit that no longer departs from the import";
    /// An `edits` entry whose `was` is not what the import writes there now: the page or the
    /// importer changed under the edit.
    PageChangedUnderEdit = "E0078", "the page changed under a recorded edit";

    // Warnings.
    /// A field named in Rust with a suffix because its plain name is taken.
    FieldRenamed = "W0001", "a field renamed to avoid a collision";
    /// An example for a status without a JSON schema.
    UncheckedExample = "W0002", "an example that cannot be checked";
    /// An example value that breaks its schema, listed as the page's own discrepancy.
    PageDiscrepancy = "W0003", "a discrepancy of the page, kept";
    /// An example URL whose path differs from the operation's.
    ExampleUrlPathDiffers = "W0004", "an example URL with another path";
    /// An example URL with a parameter the operation does not declare.
    UndeclaredExampleUrlParameter = "W0005", "an example URL parameter that is not declared";

    // Import gaps: what `specgen import` did not understand on a page.
    /// A page that cannot be read, or read as its format.
    PageUnreadable = "I0001", "the page cannot be read";
    /// A page that states no `METHOD /path`.
    NotAnOperationPage = "I0002", "the page describes no operation";
    /// A service name the importer cannot write a service file for.
    InvalidImportServiceName = "I0003", "the service name is not usable";
    /// A table, row or type the importer does not understand.
    TableNotUnderstood = "I0004", "a table or row not understood";
    /// A status table row without a status code.
    StatusNotUnderstood = "I0005", "a status row without a status code";
    /// A row listed as a path parameter whose name the path does not have.
    PathParameterNotOnPage = "I0006", "a path parameter the page's path does not have";
    /// A parameter, field or body table given twice.
    ListedTwiceOnPage = "I0007", "a row or table given twice";
    /// A type naming a table the page does not have.
    MissingTableOnPage = "I0008", "a type naming a table the page does not have";
    /// A word or two in a structural section, left from a table that lost its structure.
    StrayTextOnPage = "I0009", "text not understood";
    /// A page whose import stopped before it finished (a worker stopped).
    ImportStopped = "I0010", "the import of the page stopped";
    /// An example the spec cannot keep (a second body for one status, a body that is not
    /// JSON): a note of the report, not a gap.
    ExampleDropped = "I0011", "an example the spec cannot keep";
}

impl Code {
    /// Whether this kind of problem is an error or a warning (by its prefix; an import gap
    /// fails the import unless `--allow-gaps`, so it counts as an error).
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The code whose string is `text`.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str() == text)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialized as its string (`"E0008"`), which is what stays stable.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown code `{text}`")))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            let (prefix, number) = text.split_at(1);
            assert!(matches!(prefix, "E" | "W" | "I"), "{text}: prefix");
            assert!(
                number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit()),
                "{text}: four digits"
            );
            assert!(seen.insert(text), "{text} is used twice");
            assert!(!code.title().is_empty(), "{text} has no title");
            assert_eq!(Code::parse(text), Some(*code));
        }
    }

    #[test]
    fn a_code_serializes_as_its_string() {
        let json = serde_json::to_string(&Code::UnknownKey).unwrap();
        assert_eq!(json, "\"E0008\"");
        assert_eq!(
            serde_json::from_str::<Code>(&json).unwrap(),
            Code::UnknownKey
        );
        assert!(serde_json::from_str::<Code>("\"E9999\"").is_err());
    }

    /// spec/README.md ("Diagnostic codes") has a heading per code, with its title, and an
    /// example of what it prints before the next heading.
    #[test]
    fn every_code_is_listed_with_an_example_in_the_spec_readme() {
        let readme = include_str!("../../../spec/README.md");
        let section = readme
            .split_once("## Diagnostic codes")
            .expect("spec/README.md has a section \"Diagnostic codes\"")
            .1;
        let section = section.split("\n## ").next().unwrap_or(section);
        // Two blocks per code: the spec (or page) fragment, then what is printed.
        for code in Code::ALL {
            let heading = format!("#### `{code}` {}\n", code.title());
            let Some((_, entry)) = section.split_once(&heading) else {
                panic!(
                    "spec/README.md does not list {code}: no heading `{}`",
                    heading.trim()
                );
            };
            let entry = entry.split("\n#### ").next().unwrap_or(entry);
            assert!(
                entry.matches("```").count() >= 4 && entry.contains(&format!("[{code}]")),
                "spec/README.md lists {code} without an example of the spec and of what it prints"
            );
        }
    }
}
