//! Operation ids for pages that do not state one.
//!
//! The official SDKs name every operation in UpperCamelCase (`DeleteVolume`,
//! `ListServersDetails`); the reference pages do not state that name. Two ways to derive one:
//!
//! * [`derive_title_id`], from an English title, verb first: "Batch Deleting Tags of an EVS
//!   Disk" → `BatchDeleteTagsEvsDisk`.
//! * [`derive_id_from_path`], from the request line, for titles that yield none (Chinese
//!   pages), after the SDKs' convention: `GET /v3/{project_id}/backups/{backup_id}` →
//!   `ShowBackup`. [`derive_id_from_request`] also reads the action a request body names.
//!
//! Two pages of a service may derive the same id (the Nova API and the native API both list
//! servers). [`with_family_prefix`], [`with_version_suffix`] and [`with_action`], applied in that
//! order until the ids differ, tell them apart the way the SDKs do (`NovaListServers`,
//! `DeleteAgencyV5`).

// ---------------------------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------------------------

/// An UpperCamelCase id from a title, falling back to `Operation` + the title's ASCII words when
/// the title yields none ("42" → `Operation42`). Kept for callers that need an id whatever the
/// title; prefer [`derive_title_id`] and fall back to [`derive_id_from_path`].
pub fn derive_id(title: &str) -> String {
    derive_title_id(title).unwrap_or_else(|| {
        let words: String = title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .map(|w| capitalize(&w.to_ascii_lowercase()))
            .collect();
        format!("Operation{words}")
    })
}

/// An UpperCamelCase id from an English title: "Deleting an EVS Disk" → `DeleteEvsDisk`,
/// "Batch Adding Tags to an EVS Disk" → `BatchAddTagsEvsDisk`.
///
/// * The leading gerund (within the first three words, so "Batch" keeps its place) becomes its
///   verb, as do gerunds coordinated with it ("Enabling or Disabling" → `EnableDisable`).
/// * Articles and prepositions are dropped, except a particle of a phrasal verb ("Powering On"
///   → `PowerOn`); a hyphenated word is kept whole ("Point-to-Site" → `PointToSite`).
/// * Notes in brackets (`(Deprecated)`, `（废弃）`, `(API v2)`, `[...]`) are not part of the id.
///
/// `None` for a title with non-ASCII letters (a Chinese title) or none at all, or whose id would
/// not start with a letter: the caller falls back to [`derive_id_from_path`].
pub fn derive_title_id(title: &str) -> Option<String> {
    let title = without_notes(title);
    if title.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
        return None;
    }
    let words = title_words(&title);
    let mut verbs = vec![false; words.len()];
    // The action comes first, possibly after a modifier ("Batch", "Asynchronously"); a later
    // "-ing" word belongs to a noun phrase ("Auto Scaling Group").
    if let Some(first) = (0..words.len().min(3))
        .take_while(|&i| !is_skip_word(&words[i]))
        .find(|&i| is_gerund(words[i].last()))
    {
        verbs[first] = true;
        // "Adding or Deleting", "Enabling/Disabling": the coordinated gerunds are verbs too.
        let mut i = first + 1;
        while i + 1 < words.len() && is_conjunction(&words[i]) && is_gerund(words[i + 1].last()) {
            verbs[i + 1] = true;
            i += 2;
        }
    }

    let mut id = String::new();
    let mut last_verb: Option<String> = None;
    for (word, &is_verb) in words.iter().zip(&verbs) {
        if is_verb {
            let mut parts = word.parts.clone();
            let last = parts.pop().unwrap_or_default();
            let verb = verb_of_gerund(&last).unwrap_or(last);
            parts.push(verb.clone());
            id.extend(parts.iter().map(|p| capitalize(&p.to_ascii_lowercase())));
            last_verb = Some(verb);
            continue;
        }
        let particle = last_verb
            .take()
            .is_some_and(|verb| PHRASAL_VERBS.contains(&verb.as_str()));
        if is_skip_word(word) && !(particle && PARTICLES.contains(&word.lower().as_str())) {
            continue;
        }
        id.extend(
            word.parts
                .iter()
                .map(|p| capitalize(&p.to_ascii_lowercase())),
        );
    }
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        .then_some(id)
}

/// Articles, prepositions and conjunctions: not part of an id.
const SKIP: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "in", "on", "by", "with", "and", "or", "from", "about",
    "into", "via", "at",
];

/// Particles that are part of a phrasal verb's meaning ("Powering On", "Logging In"); the
/// others ("off", "out", "up", "back") are not skip words and stay anyway.
const PARTICLES: &[&str] = &["on", "in"];

/// Verbs whose particle "on"/"in" is kept ("Powering On ECSs" → `PowerOnEcss`); after other
/// verbs "in"/"on" is a preposition ("Creating in a Region").
const PHRASAL_VERBS: &[&str] = &["power", "log", "sign", "scale", "turn", "switch", "opt"];

/// "-ing" words that lead titles as nouns, not as gerunds.
const NOT_GERUNDS: &[&str] = &[
    "billing",
    "pricing",
    "during",
    "pending",
    "remaining",
    "existing",
    "upcoming",
    "ongoing",
    "something",
    "nothing",
    "everything",
    "anything",
];

/// A word of a title: its hyphen-separated parts ("Cross-Region" → `Cross`, `Region`).
#[derive(Debug)]
struct TitleWord {
    parts: Vec<String>,
}

impl TitleWord {
    fn last(&self) -> &str {
        self.parts.last().map_or("", String::as_str)
    }

    fn lower(&self) -> String {
        self.parts.join("-").to_ascii_lowercase()
    }
}

/// Articles, prepositions, conjunctions and the slash.
fn is_skip_word(word: &TitleWord) -> bool {
    word.parts.len() == 1 && (SKIP.contains(&word.lower().as_str()) || word.parts[0] == "/")
}

fn is_conjunction(word: &TitleWord) -> bool {
    matches!(word.lower().as_str(), "and" | "or" | "/")
}

/// Whether a word is a gerund: "Querying" is, "String" is not (its stem has no vowel).
fn is_gerund(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower
        .strip_suffix("ing")
        .is_some_and(|stem| stem.len() >= 2 && stem.bytes().any(is_vowel_letter))
        && !NOT_GERUNDS.contains(&lower.as_str())
}

/// The title without notes in brackets: "Deleting a Disk (Deprecated)" → "Deleting a Disk".
fn without_notes(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' | '（' | '[' | '【' | '［' => depth += 1,
            ')' | '）' | ']' | '】' | '］' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The words of a title. A slash separates coordinated words ("Enabling/Disabling") and is kept
/// as a word of its own, like "or"; a possessive "'s" is dropped ("the User's Projects" →
/// "User", "Projects"), as are other apostrophes.
fn title_words(title: &str) -> Vec<TitleWord> {
    let mut words = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, words: &mut Vec<TitleWord>| {
        let parts: Vec<String> = current
            .split('-')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        if !parts.is_empty() {
            words.push(TitleWord { parts });
        }
        current.clear();
    };
    let mut chars = title.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_ascii_alphanumeric() || c == '-' => current.push(c),
            '\'' | '’' | '‘' => {
                if chars.peek().is_some_and(|n| matches!(n, 's' | 'S')) {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if !ahead.peek().is_some_and(|n| n.is_ascii_alphanumeric()) {
                        chars.next();
                    }
                }
            }
            '/' => {
                flush(&mut current, &mut words);
                words.push(TitleWord {
                    parts: vec!["/".to_owned()],
                });
            }
            _ => flush(&mut current, &mut words),
        }
    }
    flush(&mut current, &mut words);
    words
}

/// The verb a gerund is formed from, in lower case: "Submitting" → `submit`, "Creating" →
/// `create`, "Listing" → `list`. `None` if the word is not a gerund.
///
/// English spelling rules, with a small list of words that break them:
/// * A doubled final consonant was doubled for "-ing" (`submitting`, `stopping`), except
///   `ll`, `ss`, `ff` and `zz`, which belong to the verb (`installing`, `passing`).
/// * A silent final e was dropped before "-ing"; whether the verb had one is read from the
///   stem's ending (`needs_silent_e`): `deleting` → `delete`, `listing` → `list`.
pub fn verb_of_gerund(gerund: &str) -> Option<String> {
    if !is_gerund(gerund) {
        return None;
    }
    let lower = gerund.to_ascii_lowercase();
    let stem = &lower[..lower.len() - 3];
    if let Some((_, verb)) = GERUND_EXCEPTIONS.iter().find(|(s, _)| *s == stem) {
        return Some((*verb).to_owned());
    }
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 3 && bytes[n - 1] == bytes[n - 2] && !is_vowel_letter(bytes[n - 1]) {
        return Some(if matches!(bytes[n - 1], b'l' | b's' | b'f' | b'z') {
            stem.to_owned()
        } else {
            stem[..n - 1].to_owned()
        });
    }
    Some(if needs_silent_e(stem) {
        format!("{stem}e")
    } else {
        stem.to_owned()
    })
}

/// Stems the spelling rules get wrong: (stem, verb).
const GERUND_EXCEPTIONS: &[(&str, &str)] = &[
    // Verbs that end in a doubled consonant themselves.
    ("add", "add"),
    ("err", "err"),
    // Verbs whose final l is doubled (British spelling, common in the pages).
    ("cancell", "cancel"),
    ("controll", "control"),
    ("labell", "label"),
    ("modell", "model"),
    ("levell", "level"),
    ("travell", "travel"),
    ("signall", "signal"),
    ("channell", "channel"),
    ("tunnell", "tunnel"),
    ("patroll", "patrol"),
    ("propell", "propel"),
    ("compell", "compel"),
    ("expell", "expel"),
    ("repell", "repel"),
    ("excell", "excel"),
    // A final consonant that the rules take for one followed by a silent e, or the reverse.
    ("sync", "sync"),
    ("focus", "focus"),
    ("bias", "bias"),
    ("chang", "change"),
    ("exchang", "exchange"),
    ("arrang", "arrange"),
    ("rearrang", "rearrange"),
    ("challeng", "challenge"),
    ("rang", "range"),
    ("plung", "plunge"),
    ("expung", "expunge"),
    ("creat", "create"),
    ("recreat", "recreate"),
    ("rout", "route"),
    ("rerout", "reroute"),
    ("writ", "write"),
    ("rewrit", "rewrite"),
    ("overwrit", "overwrite"),
    ("invit", "invite"),
    ("unit", "unite"),
    ("cit", "cite"),
    ("excit", "excite"),
    ("ignit", "ignite"),
    ("recit", "recite"),
    ("expedit", "expedite"),
    ("compet", "compete"),
    ("cach", "cache"),
    ("past", "paste"),
    ("tast", "taste"),
    ("wast", "waste"),
    ("interfer", "interfere"),
    ("adher", "adhere"),
    ("monitor", "monitor"),
    ("mirror", "mirror"),
    ("author", "author"),
    ("honor", "honor"),
    ("anchor", "anchor"),
    ("color", "color"),
    ("tailor", "tailor"),
    ("sponsor", "sponsor"),
    ("factor", "factor"),
    ("refactor", "refactor"),
    ("favor", "favor"),
    ("labor", "labor"),
    ("censor", "censor"),
    ("mentor", "mentor"),
    ("pivot", "pivot"),
    ("pilot", "pilot"),
    ("abandon", "abandon"),
    ("summon", "summon"),
    ("reckon", "reckon"),
    ("pardon", "pardon"),
    ("button", "button"),
    ("develop", "develop"),
    ("envelop", "envelop"),
    ("gallop", "gallop"),
    ("worship", "worship"),
    ("gossip", "gossip"),
    ("orphan", "orphan"),
];

/// Whether a verb ends in a silent e that "-ing" dropped, read from the stem's ending.
///
/// * After `v`, `u`, `z` and `c` English writes an e (`remove`, `queue`, `resize`, `replace`).
/// * After a consonant + `l` (`enable`, `handle`) and after `g` not in `ng` (`merge`,
///   `manage`, `acknowledge`; `change` is an exception).
/// * After one vowel letter + one consonant, a stressed syllable would have doubled the
///   consonant (`stop` → `stopping`), so an undoubled one is either unstressed (`edit`,
///   `open`, `enter`) or long with a silent e (`delete`, `use`, `configure`): which one depends
///   on the vowel and the consonant, as below.
/// * After two vowel letters (`load`, `clean`, `repeat`) or two consonants (`list`, `send`)
///   there is none.
fn needs_silent_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    let last = b[n - 1];
    match last {
        b'v' | b'u' | b'z' | b'c' => return true,
        b's' => return b[n - 2] != b's',
        b'g' => return b[n - 2] != b'n',
        _ => {}
    }
    let prev = b[n - 2];
    if !is_vowel_at(b, n - 2) {
        // Consonant + l: enable, handle, toggle, throttle; not hurl, crawl.
        return last == b'l' && b"bpdgtkczf".contains(&prev);
    }
    if n >= 3 && is_vowel_at(b, n - 3) && !is_hiatus(b[n - 3], prev) {
        // A digraph: load, clean, repeat, fail, obtain.
        return false;
    }
    let before = if n >= 3 { b[n - 3] } else { b' ' };
    match (prev, last) {
        // enter, filter, open, listen, cancel, label.
        (b'e', b'r' | b'n' | b'l') => false,
        // delete, complete; target, budget, interpret.
        (b'e', b't') => before == b'l',
        // edit, limit, audit, visit.
        (b'i', b't') => false,
        // scale (one syllable); signal, total.
        (b'a', b'l') => stem.bytes().filter(|&c| is_vowel_letter(c)).count() == 1,
        // orphan, and few verbs end in a long "-ane".
        (b'a', b'n') => false,
        // mention, partition, provision: "-ion" has no e.
        (b'o', b'n') => before != b'i',
        (_, b'b' | b'd' | b'k' | b'l' | b'm' | b'n' | b'p' | b'r' | b't') => true,
        _ => false,
    }
}

fn is_vowel_letter(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether the letter at `i` is a vowel; `u` after `q` or `g` before a vowel is part of the
/// consonant (`require`, `guide`).
fn is_vowel_at(b: &[u8], i: usize) -> bool {
    if !is_vowel_letter(b[i]) {
        return false;
    }
    let u_of_consonant = b[i] == b'u'
        && i > 0
        && matches!(b[i - 1], b'q' | b'g')
        && b.get(i + 1).is_some_and(|&c| is_vowel_letter(c));
    !u_of_consonant
}

/// Two vowel letters in separate syllables (`associate`, `evaluate`, `video`): the second
/// counts as a single vowel.
fn is_hiatus(first: u8, second: u8) -> bool {
    matches!(
        (first, second),
        (b'i', b'a' | b'o' | b'u') | (b'u', b'a' | b'o') | (b'e', b'o')
    )
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/// An UpperCamelCase id from the request line, after the official SDKs' convention:
///
/// * `GET` on a collection → `List…` (`GET /v1/{project_id}/vpcs` → `ListVpcs`); on an item
///   (the path ends in a `{param}`) → `Show…` with the resource singular (`ShowVpc`); on a
///   singular name → `Show…` (`GET …/login-policy` → `ShowLoginPolicy`).
/// * `POST` on a collection → `Create…` (singular); `PUT`/`PATCH` → `Update…`; `DELETE` →
///   `Delete…`; `HEAD` → `Check…`.
/// * A sub-resource is named after the item it belongs to (`GET /servers/{server_id}/tags` →
///   `ShowServerTags`, `…/block_device/{volume_id}` → `…ServerBlockDevice`), unless it is an
///   item with its own id (`DELETE /vpcs/{vpc_id}/subnets/{subnet_id}` → `DeleteSubnet`).
/// * A path that starts with two names starts with a namespace: one word is dropped
///   (`/vpc/security-groups` → `…SecurityGroups`), more qualify what follows
///   (`/recycle-bin/cloudservers` → `…RecycleBinServers`).
/// * A last segment that starts with a verb names the action (`POST …/snapshots/{id}/rollback`
///   → `RollbackSnapshot`, `PUT …/vpcs/{vpc_id}/add-extend-cidr` → `AddVpcExtendCidr`).
///   Creating or deleting the members of an item's sub-collection, or a `batch-` verb, is a
///   batch operation (`POST …/tags/delete` → `BatchDelete…Tags`, `…/batch-resize` →
///   `BatchResize…`); any other verb on a collection acts on one member (`POST
///   /mfa-devices/enable` → `EnableMfaDevice`).
/// * `…/detail` lists with details (`ListServersDetails`); `…/count` counts
///   (`CountSnapshots`); the standard tag API's `resource-instances/filter` and `…/action` →
///   `List…ByTags`, `…/count` → `Count…ByTags`.
/// * `POST …/action` names its action in the body: `Execute…Action` (see
///   [`derive_id_from_request`] and [`with_action`]).
///
/// Not words: what precedes the version (`/autoscaling-api/v1/…`), version segments (`v2`,
/// `v2.1`, `v3-ext`), scope parameters (`{project_id}` and any other parameter not following a
/// name), OpenStack extension namespaces (`OS-AGENCY`), an `os-` prefix (`os-keypairs`) and a
/// `cloud` prefix glued to a name (`cloudservers`). A verb glued to its object is split
/// (`attachvolume` → `AttachServerVolume`).
///
/// The SDKs' names are chosen by hand, so this matches about a third of them exactly on the
/// services it was derived from and a quarter on others, and the leading verb about three
/// times in four (see `tests/operation_ids.rs`).
pub fn derive_id_from_path(method: &str, path: &str) -> String {
    derive(method, path, None)
}

/// [`derive_id_from_path`], reading the action of `POST …/action` from the request body's
/// top-level keys: a key that starts with a verb names the action (`os-start` on
/// `/cloudservers/action` → `BatchStartServers`, `add_member` on
/// `/os-server-groups/{id}/action` → `AddServerGroupMember`).
pub fn derive_id_from_request(method: &str, path: &str, body_keys: &[&str]) -> String {
    let action = body_keys
        .iter()
        .map(|key| name_words(key))
        .find(|words| words.first().is_some_and(|w| is_verb(w)));
    derive(method, path, action)
}

/// The OpenStack projects whose compatible APIs the official SDKs name with the project in
/// front (`CinderListVolumeTypes`).
const FAMILIES: [&str; 6] = ["Cinder", "Nova", "Neutron", "Keystone", "Glance", "Swift"];

/// The OpenStack family the first of `texts` that names one names (a file name, a title, a
/// section of the reference's contents), by the project's name in any letter case.
pub fn family_named_by(texts: &[&str]) -> Option<&'static str> {
    texts.iter().find_map(|text| {
        let text = text.to_lowercase();
        FAMILIES
            .into_iter()
            .find(|family| text.contains(&family.to_lowercase()))
    })
}

/// `family` in UpperCamelCase before `id`, for an API family served beside the native API:
/// ("ListServers", "Nova") → `NovaListServers`; `Cinder` for OpenStack Cinder-compatible APIs,
/// `Neutron`, `Keystone`, `Glance` likewise. Unchanged if `id` already starts with it.
pub fn with_family_prefix(id: &str, family: &str) -> String {
    let prefix = camel(&name_words(family));
    if id.starts_with(&prefix) {
        id.to_owned()
    } else {
        format!("{prefix}{id}")
    }
}

/// The API version of `path` after `id`: ("DeleteAgency", "/v5/agencies/{agency_id}") →
/// `DeleteAgencyV5`. A minor version is kept without its dot (`v2.1` → `V21`) unless it is
/// `.0` (`v3.0` → `V3`), since ids are alphanumeric. Unchanged if the path has no version or
/// `id` already ends with the suffix.
pub fn with_version_suffix(id: &str, path: &str) -> String {
    let Some(version) = path.split('/').find_map(version_of_segment) else {
        return id.to_owned();
    };
    let suffix = format!("V{version}");
    if id.ends_with(&suffix) {
        id.to_owned()
    } else {
        format!("{id}{suffix}")
    }
}

/// The action a request body names after `id`: ("ExecuteServerAction", "os-start") →
/// `ExecuteServerActionStart`. The OpenStack `os-` prefix is not a word.
pub fn with_action(id: &str, action: &str) -> String {
    format!("{id}{}", camel(&name_words(action)))
}

/// A path segment that names something, or a parameter.
#[derive(Debug, Clone)]
enum Segment {
    /// Lower-case words: `security-groups` → `security`, `groups`.
    Name(Vec<String>),
    /// The parameter's words: `{vpc_id}` → `vpc`, `id`.
    Param(Vec<String>),
}

/// A name in the path and whether an item of it follows (`vpcs/{vpc_id}`).
#[derive(Debug, Clone)]
struct Name {
    words: Vec<String>,
    item: bool,
    /// The words of the item's parameter (`{vpc_id}` → `vpc`, `id`).
    param: Vec<String>,
}

impl Name {
    /// Whether the item is named by its own id (`subnets/{subnet_id}`, `mappings/{id}`): a
    /// resource in its own right, rather than an attachment of its owner keyed by another
    /// resource's id or a key (`block_device/{volume_id}`, `metadata/{key}`).
    fn has_own_id(&self) -> bool {
        let param: Vec<&str> = self
            .param
            .iter()
            .map(String::as_str)
            .filter(|w| *w != "id")
            .collect();
        match (param.last(), self.words.last()) {
            (None, _) => self.param.last().is_some_and(|w| w == "id"),
            (Some(p), Some(w)) => *p == singular_word(w),
            (Some(_), None) => false,
        }
    }
}

/// Verbs a path segment may start with; shared with request bodies' action keys. General API
/// verbs, not a list per service.
const VERBS: &[&str] = &[
    "accept",
    "activate",
    "add",
    "allocate",
    "append",
    "apply",
    "approve",
    "archive",
    "assign",
    "associate",
    "attach",
    "authorize",
    "bind",
    "cancel",
    "change",
    "check",
    "clean",
    "clear",
    "clone",
    "close",
    "collect",
    "commit",
    "compare",
    "confirm",
    "connect",
    "convert",
    "copy",
    "count",
    "create",
    "deactivate",
    "decrypt",
    "delete",
    "deploy",
    "deregister",
    "detach",
    "disable",
    "disassociate",
    "disconnect",
    "download",
    "enable",
    "encrypt",
    "execute",
    "expand",
    "export",
    "extend",
    "failover",
    "freeze",
    "generate",
    "get",
    "grant",
    "import",
    "insert",
    "install",
    "invoke",
    "kill",
    "list",
    "lock",
    "merge",
    "migrate",
    "modify",
    "mount",
    "move",
    "open",
    "pause",
    "publish",
    "purge",
    "query",
    "reboot",
    "rebuild",
    "recover",
    "redeploy",
    "refresh",
    "register",
    "reinstall",
    "reject",
    "release",
    "reload",
    "remove",
    "rename",
    "renew",
    "replace",
    "replicate",
    "reset",
    "resize",
    "restart",
    "restore",
    "resume",
    "retry",
    "retype",
    "revert",
    "revoke",
    "rollback",
    "rotate",
    "run",
    "scale",
    "search",
    "send",
    "set",
    "show",
    "shrink",
    "start",
    "stop",
    "submit",
    "subscribe",
    "suspend",
    "switch",
    "switchover",
    "sync",
    "synchronize",
    "tag",
    "terminate",
    "test",
    "transfer",
    "trigger",
    "unbind",
    "unfreeze",
    "uninstall",
    "unlock",
    "unmount",
    "unregister",
    "unsubscribe",
    "untag",
    "update",
    "upgrade",
    "upload",
    "validate",
    "verify",
];

/// Verbs that read, so that a `GET` on `…/count` or `…/list-…` is named after them; for `GET`
/// any other leading verb is a modifier (`resize_flavors` → `ListResizeFlavors`).
const READ_VERBS: &[&str] = &[
    "check", "count", "download", "export", "get", "list", "query", "search", "show", "validate",
    "verify",
];

fn is_verb(word: &str) -> bool {
    VERBS.contains(&word)
}

fn derive(method: &str, path: &str, body_action: Option<Vec<String>>) -> String {
    let method = method.to_ascii_uppercase();
    let (mut names, batch) = path_names(path);
    let Some(last) = names.pop() else {
        return versions_id(&method, path);
    };
    let last_word = |word: &str| last.words.len() == 1 && last.words[0] == word;

    // The standard tag API: `…/resource-instances/filter|count|action`.
    if let Some(owner) = names
        .split_last()
        .filter(|(ri, _)| ri.words == ["resource", "instances"])
        .map(|(_, owner)| owner)
        .filter(|_| last_word("filter") || last_word("count") || last_word("action"))
    {
        let verb = if last_word("count") { "count" } else { "list" };
        return camel_words(&[verb], &phrase(owner, Number::Plural), &["by", "tags"]);
    }
    if last_word("detail") || last_word("details") {
        return camel_words(&["list"], &phrase(&names, Number::Plural), &["details"]);
    }
    if last_word("action") || last_word("actions") {
        return action_endpoint_id(&method, &names, batch, body_action);
    }
    if let Some(id) = verb_segment_id(&method, &names, &last, batch) {
        return id;
    }
    if last_word("tags") && !last.item {
        return tags_id(&method, &names);
    }
    name_id(&method, names, last)
}

/// `/`, `/v3`, `/{version}`: the API's versions, or one of them.
fn versions_id(method: &str, path: &str) -> String {
    let versioned = path
        .split('/')
        .any(|s| s.starts_with('{') || version_of_segment(s).is_some());
    if method == "GET" && !versioned {
        "ListVersions".to_owned()
    } else {
        camel_words(&[method_verb(method, true)], &["version"], NONE)
    }
}

/// `POST …/action`: the body names the action. Without the body: `Execute…Action`.
fn action_endpoint_id(
    method: &str,
    names: &[Name],
    batch: bool,
    body_action: Option<Vec<String>>,
) -> String {
    let owner = names.last();
    if let Some((tags, owner)) = names.split_last()
        && tags.words == ["tags"]
    {
        // The standard tag API batch-creates or -deletes tags at one path (the body's
        // `action` says which); the SDKs name the pair `BatchCreate…Tags` and
        // `BatchDelete…Tags`.
        return camel_words(&["batch", "create"], &tag_phrase(owner), NONE);
    }
    // `/servers/action` acts on many servers at once.
    let on_collection = owner.is_some_and(|o| !o.item);
    if let Some(action) = body_action {
        return action_id(&action, names, batch || on_collection, is_read(method));
    }
    let number = if on_collection {
        Number::Plural
    } else {
        Number::Singular
    };
    camel_words(&["execute"], &phrase(names, number), &["action"])
}

/// A last segment that starts with a verb names the action (`…/rollback`,
/// `…/add-extend-cidr`, `…/batch-create`); for `GET`, only a verb that reads (`…/count`).
fn verb_segment_id(method: &str, names: &[Name], last: &Name, batch: bool) -> Option<String> {
    let reads = is_read(method);
    let first = last.words[0].as_str();
    let (mut action, batch) = if first == "batch" && last.words.len() > 1 && is_verb(&last.words[1])
    {
        (last.words[1..].to_vec(), true)
    } else if is_verb(first) && (!reads || READ_VERBS.contains(&first)) {
        (last.words.clone(), batch)
    } else {
        return None;
    };
    if !last.item {
        return Some(action_id(&action, names, batch, reads));
    }
    // `…/detachvolume/{volume_id}`: the object is an item, or the items of a batch
    // (`batchaction/attachvolumes/{volume_id}` → `BatchAttachVolumes`).
    let mut object = action.split_off(1);
    if batch {
        action.insert(0, "batch".to_owned());
    } else {
        object = singular(&object);
    }
    let target = phrase(names, Number::Singular);
    Some(camel_words(&action, &dedup(&target, &object), &object))
}

/// `…/tags` of the standard tag API: the tags of an item are shown (`GET
/// /servers/{server_id}/tags` → `ShowServerTags`), those of a collection listed
/// (`ListServerTags`), one is created at a time (`CreateServerTag`).
fn tags_id(method: &str, names: &[Name]) -> String {
    let target = tag_phrase(names);
    let of_item = names.last().is_some_and(|o| o.item);
    match method {
        "GET" if of_item => camel_words(&["show"], &target, NONE),
        "GET" => camel_words(&["list"], &target, NONE),
        "POST" => camel_words(&["create"], &singular(&target), NONE),
        _ => camel_words(&[method_verb(method, true)], &target, NONE),
    }
}

/// A name: the method says what is done to it. An item is singular; `GET` on a collection
/// lists it, on a singular name shows it; `POST` creates one member.
fn name_id(method: &str, mut names: Vec<Name>, last: Name) -> String {
    let item = last.item;
    let plural = is_plural(&last.words);
    names.push(last);
    if item {
        return camel_words(
            &[method_verb(method, true)],
            &phrase(&names, Number::Singular),
            NONE,
        );
    }
    let (verb, number) = match method {
        "GET" if plural => ("list", Number::AsIs),
        "GET" => ("show", Number::AsIs),
        "POST" => ("create", Number::Singular),
        "PUT" | "PATCH" => ("update", Number::AsIs),
        "DELETE" => ("delete", Number::Singular),
        "HEAD" => ("check", Number::Singular),
        _ => ("execute", Number::AsIs),
    };
    camel_words(&[verb], &phrase(&names, number), NONE)
}

fn is_read(method: &str) -> bool {
    matches!(method, "GET" | "HEAD")
}

/// The id of an action named by verb-led words (`["add", "member"]`) on the resource the names
/// end with: verb + resource + object.
///
/// The resource is singular when the action acts on one item, or on a collection to change
/// one of its members (`POST /mfa-devices/enable` → `EnableMfaDevice`), or has an object (a
/// noun adjunct: `ChangeVolumeChargeMode`). It is plural when the action reads a collection
/// (`CountSnapshots`) or acts on many of its members: an action on an item's sub-collection
/// (`POST …/servers/{server_id}/nics/delete` → `BatchDeleteServerNics`) or one marked as a
/// batch (`batch-resize`, `/servers/action`) is a batch operation.
fn action_id(action: &[String], names: &[Name], batch: bool, reads: bool) -> String {
    let (verb, object) = action.split_at(1);
    let object = object.to_vec();
    let on_collection = names.last().is_some_and(|c| !c.item);
    let sub_collection = on_collection && names.len() >= 2 && names[names.len() - 2].item;
    let member_verb = MEMBER_VERBS.contains(&normal_verb(&verb[0]));
    let number = if object.is_empty()
        && (batch || (sub_collection && member_verb) || (reads && on_collection))
    {
        Number::Plural
    } else {
        Number::Singular
    };
    let target = phrase(names, number);
    let mut verb = vec![normal_verb(&verb[0]).to_owned()];
    // Creating or deleting members of an item's sub-collection (`…/tags/delete`) is a batch
    // operation; other verbs act on the sub-resource as one thing (`…/backups/stop`).
    if !reads && (batch || (sub_collection && member_verb && object.is_empty())) {
        verb.insert(0, "batch".to_owned());
    }
    camel_words(&verb, &dedup(&target, &object), &object)
}

/// Verbs that add members to a collection or take them out.
const MEMBER_VERBS: &[&str] = &["create", "delete", "add", "remove"];

/// The verb the SDKs use for a verb of the path: `insert-rules` adds rules.
fn normal_verb(verb: &str) -> &str {
    match verb {
        "insert" => "add",
        _ => verb,
    }
}

/// The target without the words the object starts with: `add_router_interface` on a router
/// is `AddRouterInterface`, not `AddRouterRouterInterface`.
fn dedup(target: &[String], object: &[String]) -> Vec<String> {
    let object = singular(object);
    if !target.is_empty() && object.starts_with(&singular(target)) {
        Vec::new()
    } else {
        target.to_vec()
    }
}

/// The phrase for tags: the resource they belong to, singular, and `tags`, whether it is an
/// item (`servers/{id}/tags`) or the whole collection (`servers/tags`).
fn tag_phrase(names: &[Name]) -> Vec<String> {
    let mut words = names
        .last()
        .map(|owner| singular(&owner.words))
        .unwrap_or_default();
    words.push("tags".to_owned());
    words
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Number {
    Singular,
    Plural,
    AsIs,
}

/// The words naming the last of `names`: its own words (in `number`), after its owner's
/// (singular) when its owner is an item (`servers/{server_id}/tags` → `server tags`), unless
/// it is an item with its own id (`vpcs/{vpc_id}/subnets/{subnet_id}` → `subnet`) or its
/// words already start with the owner's (`security-groups/{id}/security-group-rules`).
fn phrase(names: &[Name], number: Number) -> Vec<String> {
    let Some((last, rest)) = names.split_last() else {
        return Vec::new();
    };
    let own = match number {
        Number::Singular => singular(&last.words),
        Number::Plural => plural(&last.words),
        Number::AsIs => last.words.clone(),
    };
    if last.item && last.has_own_id() {
        return own;
    }
    let Some(owner) = rest.last().filter(|o| o.item) else {
        return own;
    };
    let owner = singular(&owner.words);
    if singular(&own).starts_with(&owner) {
        own
    } else {
        [owner, own].concat()
    }
}

/// The names of a path, in order, with whether an item follows each; and whether a `batch`
/// segment (`batchaction`) asked for a batch operation.
fn path_names(path: &str) -> (Vec<Name>, bool) {
    let path = path.split('?').next().unwrap_or_default();
    let raw_segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // What comes before the version is the API's root (`/autoscaling-api/v1/…`, `/api/v3/…`),
    // not a resource.
    let root = raw_segments
        .iter()
        .position(|s| version_of_segment(s).is_some())
        .unwrap_or(0);
    let mut segments: Vec<Segment> = Vec::new();
    for &raw in &raw_segments[root..] {
        if raw.starts_with('{') {
            // A parameter not following a name is a scope (`{project_id}`), not an item.
            if matches!(segments.last(), Some(Segment::Name(_))) {
                segments.push(Segment::Param(name_words(raw)));
            }
            continue;
        }
        if version_of_segment(raw).is_some() || is_extension_namespace(raw) {
            continue;
        }
        let words = segment_words(raw);
        if !words.is_empty() {
            segments.push(Segment::Name(words));
        }
    }

    let mut names: Vec<Name> = Vec::new();
    let mut batch = false;
    let count = segments.len();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Param(param) => {
                if let Some(name) = names.last_mut() {
                    name.item = true;
                    name.param = param.clone();
                }
            }
            Segment::Name(words) => {
                let last = i + 1 == count;
                // `actions/redeploy`, `batchaction/attachvolumes`: a marker, not a name.
                let marker = matches!(
                    words
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .as_slice(),
                    ["action" | "actions"] | ["batch", "action" | "actions"]
                );
                if marker && !last {
                    batch |= words[0] == "batch";
                    continue;
                }
                // A path that starts with two names: the first is a namespace, unless what
                // follows acts on it or is one of its standard sub-resources
                // (`/servers/detail`). A one-word namespace is dropped (`/vpc/security-groups`,
                // `/fwaas/firewall_groups`); a longer one qualifies what follows
                // (`/recycle-bin/cloudservers` → `recycle bin servers`).
                let mut words = words.clone();
                if let [prev] = names.as_slice()
                    && !prev.item
                    && !acts_on_owner(&words, last)
                {
                    let namespace = names.pop().map(|n| n.words).unwrap_or_default();
                    if namespace.len() > 1 {
                        words = [singular(&namespace), words].concat();
                    }
                }
                names.push(Name {
                    words,
                    item: false,
                    param: Vec::new(),
                });
            }
        }
    }
    (names, batch)
}

/// Whether a segment after a collection acts on that collection or belongs to it (`…/detail`,
/// `…/count`, `…/tags`, `…/resource-instances`, a verb, an `action`) rather than naming a
/// collection of its own.
fn acts_on_owner(words: &[String], last: bool) -> bool {
    let first = words[0].as_str();
    matches!(
        first,
        "detail" | "details" | "tags" | "action" | "actions" | "batch"
    ) || words == ["resource", "instances"]
        || (last && is_verb(first))
}

/// `v2` → `2`, `v2.1` → `21`, `v3.0` → `3`, `v3-ext` → `3`; `None` for other segments.
pub(crate) fn version_of_segment(segment: &str) -> Option<String> {
    let rest = segment.strip_prefix('v')?;
    let number = rest.split('-').next().unwrap_or_default();
    let mut parts = number.split('.');
    let major = parts
        .next()
        .filter(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))?;
    let minor: Vec<&str> = parts.collect();
    if minor
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let minor: String = minor.iter().filter(|p| **p != "0").copied().collect();
    Some(format!("{major}{minor}"))
}

/// `OS-AGENCY`, `OS-FEDERATION`: OpenStack extension namespaces, not names.
fn is_extension_namespace(segment: &str) -> bool {
    segment
        .strip_prefix("OS-")
        .is_some_and(|rest| !rest.is_empty() && !rest.bytes().any(|c| c.is_ascii_lowercase()))
}

/// The words of a path segment, in lower case: `security-groups` → `security`, `groups`;
/// `os-keypairs` → `keypairs` (`os-` marks an OpenStack extension); `cloudservers` →
/// `servers`; `attachvolume` → `attach`, `volume` (a verb glued to its object).
fn segment_words(segment: &str) -> Vec<String> {
    let mut words = name_words(segment);
    if words.len() == 1 {
        let word = words.pop().unwrap_or_default();
        words = split_glued(&word);
    }
    words
}

/// A single lower-case word split where a name glues a prefix to a word: `cloud` +
/// `servers`, `batch` + `action`, a verb of five letters or more + its object (`attach` +
/// `volume`, `change` + `os`), unless the rest is a suffix (`attachments`, `selection`).
fn split_glued(word: &str) -> Vec<String> {
    if let Some(rest) = word.strip_prefix("cloud")
        && rest.len() >= 3
    {
        return vec![rest.to_owned()];
    }
    for prefix in VERBS.iter().copied().chain(["batch"]) {
        if prefix.len() < 5 {
            continue;
        }
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.len() >= 2
            && !SUFFIXES.iter().any(|s| rest.starts_with(s))
        {
            let mut words = vec![prefix.to_owned()];
            words.extend(split_glued(rest));
            return words;
        }
    }
    vec![word.to_owned()]
}

/// Endings that make a verb a noun or an adjective rather than a verb glued to its object.
const SUFFIXES: &[&str] = &[
    "ion", "ing", "ed", "er", "ment", "or", "ive", "able", "ible", "ance", "ence", "ure", "al",
    "ity", "s", "d", "r",
];

/// The words of a name: split at non-alphanumerics and lower-to-upper case changes, in lower
/// case, without an OpenStack `os` prefix (`os-start` → `start`, `addSecurityGroup` → `add`,
/// `security`, `group`).
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    if words.len() > 1 && words[0] == "os" {
        words.remove(0);
    }
    words
}

/// The verb for the method on an item (or a name that is one thing).
fn method_verb(method: &str, item: bool) -> &'static str {
    match method {
        "GET" if item => "show",
        "GET" => "list",
        "POST" => "create",
        "PUT" | "PATCH" => "update",
        "DELETE" => "delete",
        "HEAD" => "check",
        _ => "execute",
    }
}

/// Words that end in `s` and are singular, or have no plural.
const SINGULAR_S: &[&str] = &[
    "status",
    "metadata",
    "data",
    "info",
    "information",
    "alias",
    "bus",
    "os",
    "dns",
    "https",
    "analysis",
    "basis",
    "series",
    "news",
    "gas",
    "canvas",
    "bonus",
    "virus",
    "campus",
    "radius",
    "corpus",
    "apis",
];

/// The words with the last one singular: `security groups` → `security group`, `policies` →
/// `policy`, `addresses` → `address`, `status` stays.
fn singular(words: &[String]) -> Vec<String> {
    let mut words = words.to_vec();
    if let Some(last) = words.last_mut() {
        *last = singular_word(last);
    }
    words
}

fn singular_word(word: &str) -> String {
    if SINGULAR_S.contains(&word) || word.len() <= 2 {
        return word.to_owned();
    }
    if word == "statuses" {
        return "status".to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies")
        && stem.len() >= 2
    {
        return format!("{stem}y");
    }
    // "-es" after a sibilant: `switches`, `addresses`; but `caches` (a single vowel before
    // "ch": the e is the noun's own).
    let b = word.as_bytes();
    let cache_like = word.ends_with("ches")
        && b.len() >= 6
        && is_vowel_letter(b[b.len() - 5])
        && !is_vowel_letter(b[b.len() - 6]);
    if !cache_like
        && ["sses", "xes", "ches", "shes", "zzes"]
            .iter()
            .any(|e| word.ends_with(e))
    {
        return word[..word.len() - 2].to_owned();
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.ends_with('u') && !stem.ends_with('i') => {
            stem.to_owned()
        }
        _ => word.to_owned(),
    }
}

fn is_plural(words: &[String]) -> bool {
    words.last().is_some_and(|w| singular_word(w) != *w)
}

/// The words with the last one plural, if it is not already.
fn plural(words: &[String]) -> Vec<String> {
    let mut words = words.to_vec();
    if let Some(last) = words.last_mut()
        && singular_word(last) == *last
        && !SINGULAR_S.contains(&last.as_str())
    {
        *last = plural_word(last);
    }
    words
}

fn plural_word(word: &str) -> String {
    let b = word.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel_letter(b[n - 2]) {
        format!("{}ies", &word[..n - 1])
    } else if ["s", "x", "ch", "sh", "z"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// No words.
const NONE: &[&str] = &[];

/// Verb, target and object words joined in UpperCamelCase.
fn camel_words(
    verb: &[impl AsRef<str>],
    target: &[impl AsRef<str>],
    object: &[impl AsRef<str>],
) -> String {
    [camel(verb), camel(target), camel(object)].concat()
}

fn camel(words: &[impl AsRef<str>]) -> String {
    words.iter().map(|w| capitalize(w.as_ref())).collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        // Real titles of Huawei Cloud API reference pages.
        let cases = [
            ("Deleting an EVS Disk", "DeleteEvsDisk"),
            ("Querying Details About an EVS Disk", "QueryDetailsEvsDisk"),
            ("Batch Adding Tags to an EVS Disk", "BatchAddTagsEvsDisk"),
            (
                "Batch Deleting Tags from an EVS Disk",
                "BatchDeleteTagsEvsDisk",
            ),
            ("Batch Creating Tags", "BatchCreateTags"),
            (
                "Deleting a Cross-Region Replication Pair",
                "DeleteCrossRegionReplicationPair",
            ),
            ("Listing Organizations Quotas", "ListOrganizationsQuotas"),
            ("Querying Project Tags", "QueryProjectTags"),
            (
                "Submitting the Query of Database Object Information",
                "SubmitQueryDatabaseObjectInformation",
            ),
            (
                "Exporting a Task Creation Template",
                "ExportTaskCreationTemplate",
            ),
            (
                "Downloading the Task Import Template",
                "DownloadTaskImportTemplate",
            ),
            ("Expanding EVS Disk Capacity", "ExpandEvsDiskCapacity"),
            (
                "Rolling Back a Snapshot to an EVS Disk",
                "RollBackSnapshotEvsDisk",
            ),
            (
                "Unsubscribing from Yearly/Monthly EVS Disks",
                "UnsubscribeYearlyMonthlyEvsDisks",
            ),
            ("Changing the EVS Disk Type", "ChangeEvsDiskType"),
            ("Creating ECSs", "CreateEcss"),
            ("Stopping ECSs in a Batch", "StopEcssBatch"),
            ("Rebooting ECSs in a Batch", "RebootEcssBatch"),
            ("Attaching a Disk to an ECS", "AttachDiskEcs"),
            ("Detaching an EVS Disk from an ECS", "DetachEvsDiskEcs"),
            (
                "Resetting the Password for Logging In to an ECS",
                "ResetPasswordLoggingEcs",
            ),
            (
                "Obtaining the Password of a Windows ECS",
                "ObtainPasswordWindowsEcs",
            ),
            ("Assigning a Private IP Address", "AssignPrivateIpAddress"),
            (
                "Accepting a VPC Peering Connection Request",
                "AcceptVpcPeeringConnectionRequest",
            ),
            (
                "Associating Subnets with a Route Table",
                "AssociateSubnetsRouteTable",
            ),
            ("Disassociating an EIP from a Port", "DisassociateEipPort"),
            (
                "Granting Permissions to an Agency for a Project",
                "GrantPermissionsAgencyProject",
            ),
            ("Binding a Virtual MFA Device", "BindVirtualMfaDevice"),
            ("Unbinding a Virtual MFA Device", "UnbindVirtualMfaDevice"),
            (
                "Inviting an Account to Join an Organization",
                "InviteAccountJoinOrganization",
            ),
            (
                "Leaving the Current Organization",
                "LeaveCurrentOrganization",
            ),
            (
                "Enabling a Service Control Policy",
                "EnableServiceControlPolicy",
            ),
            (
                "Configuring the Cross-Region Backup Policy",
                "ConfigureCrossRegionBackupPolicy",
            ),
            ("Using a Custom Image", "UseCustomImage"),
            ("Installing a Plug-in", "InstallPlugIn"),
            ("Calling an API", "CallApi"),
            (
                "Restoring Data to a New DB Instance",
                "RestoreDataNewDbInstance",
            ),
            ("Querying Auto Scaling Groups", "QueryAutoScalingGroups"),
            ("Querying the User's Projects", "QueryUserProjects"),
            ("Querying CTS’s Trackers", "QueryCtsTrackers"),
        ];
        for (title, id) in cases {
            assert_eq!(derive_title_id(title).as_deref(), Some(id), "{title}");
        }
    }

    #[test]
    fn coordinated_gerunds_and_phrasal_verbs() {
        assert_eq!(
            derive_title_id("Adding or Deleting EVS Disk Tags in Batches").as_deref(),
            Some("AddDeleteEvsDiskTagsBatches")
        );
        assert_eq!(
            derive_title_id("Enabling/Disabling a Policy").as_deref(),
            Some("EnableDisablePolicy")
        );
        assert_eq!(
            derive_title_id("Powering On ECSs").as_deref(),
            Some("PowerOnEcss")
        );
        assert_eq!(
            derive_title_id("Logging In to the Console").as_deref(),
            Some("LogInConsole")
        );
        assert_eq!(
            derive_title_id("Creating a Disk in a Region").as_deref(),
            Some("CreateDiskRegion")
        );
        assert_eq!(
            derive_title_id("Switching Over a Primary/Standby DB").as_deref(),
            Some("SwitchOverPrimaryStandbyDb")
        );
        // A later "-ing" word belongs to a noun phrase.
        assert_eq!(
            derive_title_id("Querying Load Balancing Listeners").as_deref(),
            Some("QueryLoadBalancingListeners")
        );
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        assert_eq!(
            derive_title_id("Re-Encrypting a Data Key").as_deref(),
            Some("ReEncryptDataKey")
        );
        // "to" and "on" are skip words, but not inside a hyphenated word.
        assert_eq!(
            derive_title_id("Creating a Point-to-Site Connection").as_deref(),
            Some("CreatePointToSiteConnection")
        );
        assert_eq!(
            derive_title_id("Querying Add-on Details").as_deref(),
            Some("QueryAddOnDetails")
        );
    }

    #[test]
    fn notes_are_not_part_of_the_id() {
        for title in [
            "Querying EVS Disks (Deprecated)",
            "Querying EVS Disks（废弃）",
            "Querying EVS Disks (API v2)",
            "Querying EVS Disks [Native OpenStack API]",
            "Querying EVS Disks【废弃】",
        ] {
            assert_eq!(
                derive_title_id(title).as_deref(),
                Some("QueryEvsDisks"),
                "{title}"
            );
        }
    }

    #[test]
    fn titles_without_an_id() {
        assert_eq!(derive_title_id("删除云硬盘"), None);
        assert_eq!(derive_title_id("查询云硬盘详情 (API v2)"), None);
        assert_eq!(derive_title_id("Querying 云硬盘"), None);
        assert_eq!(derive_title_id("42"), None);
        assert_eq!(derive_title_id("(Deprecated)"), None);
        assert_eq!(derive_title_id(""), None);
    }

    #[test]
    fn derive_id_keeps_its_fallback() {
        assert_eq!(derive_id("Deleting an EVS Disk"), "DeleteEvsDisk");
        assert_eq!(derive_id("Creating a Widget"), "CreateWidget");
        assert_eq!(derive_id("42"), "Operation42");
        assert_eq!(derive_id("删除云硬盘"), "Operation");
    }

    #[test]
    fn verbs_of_gerunds() {
        let cases = [
            // Doubled consonants: doubled for "-ing", or the verb's own.
            ("Submitting", "submit"),
            ("Stopping", "stop"),
            ("Resetting", "reset"),
            ("Tagging", "tag"),
            ("Transferring", "transfer"),
            ("Embedding", "embed"),
            ("Installing", "install"),
            ("Calling", "call"),
            ("Adding", "add"),
            ("Passing", "pass"),
            ("Cancelling", "cancel"),
            ("Canceling", "cancel"),
            // Silent e.
            ("Creating", "create"),
            ("Deleting", "delete"),
            ("Using", "use"),
            ("Changing", "change"),
            ("Configuring", "configure"),
            ("Disassociating", "disassociate"),
            ("Enabling", "enable"),
            ("Restoring", "restore"),
            ("Removing", "remove"),
            ("Resizing", "resize"),
            ("Replacing", "replace"),
            ("Merging", "merge"),
            ("Acknowledging", "acknowledge"),
            ("Scaling", "scale"),
            ("Scheduling", "schedule"),
            ("Including", "include"),
            ("Upgrading", "upgrade"),
            ("Invoking", "invoke"),
            ("Renaming", "rename"),
            ("Defining", "define"),
            ("Cloning", "clone"),
            ("Typing", "type"),
            ("Describing", "describe"),
            ("Executing", "execute"),
            ("Routing", "route"),
            ("Requiring", "require"),
            ("Guiding", "guide"),
            ("Queuing", "queue"),
            // No e.
            ("Listing", "list"),
            ("Querying", "query"),
            ("Exporting", "export"),
            ("Obtaining", "obtain"),
            ("Uploading", "upload"),
            ("Editing", "edit"),
            ("Opening", "open"),
            ("Registering", "register"),
            ("Partitioning", "partition"),
            ("Grouping", "group"),
            ("Labeling", "label"),
            ("Assigning", "assign"),
            ("Pinging", "ping"),
            ("Targeting", "target"),
            ("Monitoring", "monitor"),
            ("Syncing", "sync"),
            ("Caching", "cache"),
            ("Seeing", "see"),
        ];
        for (gerund, verb) in cases {
            assert_eq!(verb_of_gerund(gerund).as_deref(), Some(verb), "{gerund}");
        }
        for not_gerund in ["String", "Ring", "Billing", "Pricing", "Disk", "ing"] {
            assert_eq!(verb_of_gerund(not_gerund), None, "{not_gerund}");
        }
    }

    #[test]
    fn path_segments() {
        assert_eq!(version_of_segment("v2").as_deref(), Some("2"));
        assert_eq!(version_of_segment("v2.1").as_deref(), Some("21"));
        assert_eq!(version_of_segment("v3.0").as_deref(), Some("3"));
        assert_eq!(version_of_segment("v3-ext").as_deref(), Some("3"));
        assert_eq!(version_of_segment("vpcs"), None);
        assert_eq!(version_of_segment("v"), None);

        assert!(is_extension_namespace("OS-AGENCY"));
        assert!(!is_extension_namespace("os-keypairs"));

        let words = |s: &str| segment_words(s).join(" ");
        assert_eq!(words("security-groups"), "security groups");
        assert_eq!(words("os-volume_attachments"), "volume attachments");
        assert_eq!(words("cloudservers"), "servers");
        assert_eq!(words("attachvolume"), "attach volume");
        assert_eq!(words("batchaction"), "batch action");
        assert_eq!(words("changeos"), "change os");
        assert_eq!(words("attachments"), "attachments");
        assert_eq!(words("addresses"), "addresses");
        assert_eq!(words("listeners"), "listeners");
        assert_eq!(words("addSecurityGroup"), "add security group");
    }

    #[test]
    fn singular_and_plural() {
        let singular = |w: &str| singular_word(w);
        assert_eq!(singular("vpcs"), "vpc");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("switches"), "switch");
        assert_eq!(singular("caches"), "cache");
        assert_eq!(singular("approaches"), "approach");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("metadata"), "metadata");
        assert_eq!(singular("access"), "access");
        assert_eq!(plural_word("policy"), "policies");
        assert_eq!(plural_word("key"), "keys");
        assert_eq!(plural_word("address"), "addresses");
    }

    #[test]
    fn items_with_their_own_id() {
        let name = |words: &[&str], param: &[&str]| Name {
            words: words.iter().map(|w| w.to_string()).collect(),
            item: true,
            param: param.iter().map(|w| w.to_string()).collect(),
        };
        assert!(name(&["subnets"], &["subnet", "id"]).has_own_id());
        assert!(name(&["access", "keys"], &["access", "key", "id"]).has_own_id());
        assert!(name(&["mappings"], &["id"]).has_own_id());
        assert!(!name(&["block", "device"], &["volume", "id"]).has_own_id());
        assert!(!name(&["metadata"], &["key"]).has_own_id());
    }
}

/// The plural of the last word of an UpperCamelCase name (`VolumeTransfer` →
/// `VolumeTransfers`, `Policy` → `Policies`, `Status` → `Statuses`), by English spelling.
pub fn plural_of_name(name: &str) -> String {
    // Nouns without a plural stay as they are.
    const UNCOUNTABLE: [&str; 4] = ["metadata", "data", "info", "information"];
    let at = name
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_uppercase())
        .map_or(0, |(at, _)| at);
    let (head, last) = name.split_at(at);
    if UNCOUNTABLE.contains(&last.to_ascii_lowercase().as_str()) {
        return name.to_owned();
    }
    let plural = plural_word(&last.to_ascii_lowercase());
    let mut chars = plural.chars();
    let capitalised: String = match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    };
    format!("{head}{capitalised}")
}

#[cfg(test)]
mod plural_tests {
    use super::plural_of_name;

    #[test]
    fn plurals_by_spelling() {
        assert_eq!(plural_of_name("VolumeTransfer"), "VolumeTransfers");
        assert_eq!(plural_of_name("Policy"), "Policies");
        assert_eq!(plural_of_name("Key"), "Keys");
        assert_eq!(plural_of_name("Status"), "Statuses");
        assert_eq!(plural_of_name("Match"), "Matches");
        assert_eq!(plural_of_name("SnapshotMetadata"), "SnapshotMetadata");
    }
}
