//! A reference's table of contents: the page (`index.md` of a documentation source) whose
//! nested lists link to the other pages, grouped under section labels
//! (`OpenStack Cinder API v3` › `云硬盘` › `[删除云硬盘](删除云硬盘.md)`).
//!
//! The bulk import reads it for what a page cannot say about itself: the API family it belongs
//! to (a page named `删除云硬盘.md` is a Cinder page only because its section says so) and
//! whether the reference still lists it (a page left out of the contents is a leftover of an
//! earlier edition, which a listed page of the same operation supersedes).

use std::collections::BTreeMap;

use super::read::document::{Block, BlockKind, Document, List};

/// Where the contents list a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The labels of the sections around the link, outermost first, brackets removed.
    pub sections: Vec<String>,
    /// The link's text: the page's title as the contents give it.
    pub title: String,
}

/// The pages `document` links to from its lists, by file name (the last segment of the link
/// target, without `#fragment`), each with its sections. Links to addresses (`https://...`)
/// and to anchors of the same page are not listings. The first listing of a page wins.
pub fn listings(document: &Document) -> BTreeMap<String, Listing> {
    let mut out = BTreeMap::new();
    let mut sections = Vec::new();
    walk(&document.blocks, &mut sections, &mut out);
    out
}

fn walk(blocks: &[Block], sections: &mut Vec<String>, out: &mut BTreeMap<String, Listing>) {
    for block in blocks {
        if let BlockKind::List(list) = &block.kind {
            walk_list(list, sections, out);
        }
    }
}

fn walk_list(list: &List, sections: &mut Vec<String>, out: &mut BTreeMap<String, Listing>) {
    for item in &list.items {
        // An item's lead paragraph is its label or its link; what follows is nested.
        let lead = item.blocks.iter().find_map(|block| match &block.kind {
            BlockKind::Paragraph(text) => Some(text),
            _ => None,
        });
        let Some(lead) = lead else {
            walk(&item.blocks, sections, out);
            continue;
        };
        for link in &lead.links {
            if let Some(file) = page_file(&link.target) {
                out.entry(file).or_insert_with(|| Listing {
                    sections: sections.clone(),
                    title: link.text.trim().to_owned(),
                });
            }
        }
        sections.push(label(&lead.text));
        walk(&item.blocks, sections, out);
        sections.pop();
    }
}

/// The file a link target names, if it names a local page.
fn page_file(target: &str) -> Option<String> {
    let target = target.split('#').next()?.trim();
    if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let name = target.rsplit(['/', '\\']).next()?;
    (!name.is_empty()).then(|| name.to_owned())
}

/// A section label as shown, without the brackets of a Markdown reference-style link
/// (`[API v2]` → `API v2`).
fn label(text: &str) -> String {
    let text = text.trim();
    text.strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text)
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::markdown;

    #[test]
    fn pages_are_listed_under_their_sections() {
        let text = "# API参考\n\n\
            -   [API v2]\n    -   [云硬盘]\n        -   [创建云硬盘](创建云硬盘-API-v2.md)\n\n\
            -   [OpenStack Cinder API v3]\n    -   [删除云硬盘](删除云硬盘.md)\n    \
            -   [外部](https://example.com/x.md)\n    -   [本页](#anchor)\n    \
            -   [再次](删除云硬盘.md#section)\n";
        let document = markdown::read(text).unwrap();
        let listed = listings(&document);
        assert_eq!(
            listed.get("创建云硬盘-API-v2.md"),
            Some(&Listing {
                sections: vec!["API v2".into(), "云硬盘".into()],
                title: "创建云硬盘".into(),
            })
        );
        assert_eq!(
            listed["删除云硬盘.md"].sections,
            vec!["OpenStack Cinder API v3".to_owned()]
        );
        assert_eq!(
            listed["删除云硬盘.md"].title, "删除云硬盘",
            "first listing wins"
        );
        assert_eq!(listed.len(), 2, "{listed:?}");
    }

    #[test]
    fn a_page_without_lists_lists_nothing() {
        let document = markdown::read("# Title\n\nSome text with [a link](a.md).\n").unwrap();
        assert!(listings(&document).is_empty());
    }
}
