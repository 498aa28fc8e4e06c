//! An HTML page → [`Document`].
//!
//! The page is parsed as a browser would (html5ever) and its article body read: `<main>`, else
//! the first `<article>`, else an element with `role="main"`, else `<body>`. What the elements
//! become is shared with the Markdown reader's embedded HTML, in
//! `html_blocks`: headings, paragraphs, lists, tables, code; scripts,
//! styles, navigation, asides, footers, forms and hidden elements are skipped.

use ego_tree::NodeRef;
use scraper::Node;

use super::html_blocks::{self, Parsed};
use super::{Document, ReadError};

/// Reads an HTML page. Never fails: any text is some HTML, and an empty page is an empty
/// document.
pub fn read(text: &str) -> Result<Document, ReadError> {
    let parsed = Parsed::document(text);
    let (root, is_article) = article(&parsed);
    // A `<header>` inside the article is its own (title, summary); outside, the site's banner.
    let keep_header = is_article;
    let blocks = html_blocks::blocks(&parsed, root, 0, keep_header, &mut Vec::new());
    Ok(Document { blocks })
}

/// The element holding the page's article, and whether it is marked as one (rather than the
/// whole body).
fn article(parsed: &Parsed) -> (NodeRef<'_, Node>, bool) {
    let root = parsed.root();
    let find = |wanted: &dyn Fn(&scraper::node::Element) -> bool| {
        // `descendants` walks the tree iteratively, whatever its depth.
        root.descendants()
            .find(|node| node.value().as_element().is_some_and(wanted))
    };
    if let Some(main) = find(&|e| e.name() == "main") {
        return (main, true);
    }
    if let Some(article) = find(&|e| e.name() == "article") {
        return (article, true);
    }
    let role_main = |e: &scraper::node::Element| {
        e.attr("role")
            .is_some_and(|role| role.trim().eq_ignore_ascii_case("main"))
    };
    if let Some(main) = find(&role_main) {
        return (main, true);
    }
    match find(&|e| e.name() == "body") {
        Some(body) => (body, false),
        None => (root, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::document::{Block, BlockKind, Code};
    use crate::import::read::markdown;
    use crate::import::read::test_support::{list, paragraph, table};

    fn read_ok(text: &str) -> Document {
        read(text).expect("HTML is always readable")
    }

    const PAGE: &str = r##"<!DOCTYPE html>
<html><head><title>site</title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
<header>Site banner</header>
<nav><ul><li>Home</li></ul></nav>
<main>
<h1 id="evs_04_2001">查询<em>云硬盘</em></h1>
<section>
<h2><a name="section1"></a>功能介绍</h2>
<p>查询云硬盘详情，
   见<a href="获取项目ID.md">获取项目ID</a>。</p>
<div hidden>hidden</div><div aria-hidden="true">hidden too</div>
<ul>
<li id="li1">URI格式<p>GET /v2/{project_id}/cloudvolumes</p></li>
<li><a name="li2"></a>参数说明
<table id="table1">
<caption><b>表 1</b> 参数说明</caption>
<thead><tr><th>参数</th><th>描述</th></tr></thead>
<tbody>
<tr id="r1">
  <td><p id="p1"><a name="p1"></a>project_id</p></td>
  <td>项目ID<br>见<a href="#li1">URI格式</a></td>
</tr>
</tbody>
</table>
</li>
</ul>
<ol><li>一</li><li>二</li></ol>
<pre><code>{
  "a": 1
}
</code></pre>
<div><span>transparent</span> <span>containers</span></div>
</section>
<aside>aside</aside>
<form><p>form</p></form>
</main>
<footer>footer</footer>
</body></html>
"##;

    #[test]
    fn reads_the_main_element_and_skips_furniture() {
        let doc = read_ok(PAGE);
        let text: Vec<String> = doc.blocks.iter().map(Block::plain_text).collect();
        let all = text.join("\n");
        for absent in [
            "site", "color", "not text", "banner", "Home", "hidden", "aside", "form", "footer",
        ] {
            assert!(!all.contains(absent), "{absent} in {all}");
        }
    }

    #[test]
    fn headings_paragraphs_and_anchors() {
        let doc = read_ok(PAGE);
        let BlockKind::Heading(title) = &doc.blocks[0].kind else {
            panic!("{:?}", doc.blocks[0])
        };
        assert_eq!((title.level, title.text.text.as_str()), (1, "查询云硬盘"));
        assert_eq!(title.text.anchors, ["evs_04_2001"]);
        assert_eq!(doc.blocks[0].line, 8);
        let BlockKind::Heading(section) = &doc.blocks[1].kind else {
            panic!("{:?}", doc.blocks[1])
        };
        assert_eq!((section.level, section.text.text.as_str()), (2, "功能介绍"));
        assert_eq!(section.text.anchors, ["section1"]);
        assert_eq!(doc.blocks[1].line, 10);

        let text = paragraph(&doc.blocks[2]);
        assert_eq!(text.text, "查询云硬盘详情， 见获取项目ID。");
        assert_eq!(text.links[0].target, "获取项目ID.md");
        assert_eq!(doc.blocks[2].line, 11);
    }

    #[test]
    fn lists_and_tables() {
        let doc = read_ok(PAGE);
        let items = list(&doc.blocks[3]);
        assert_eq!(doc.blocks[3].line, 14);
        let first = &items.items[0];
        assert_eq!(first.line, 15);
        let lead = paragraph(&first.blocks[0]);
        assert_eq!(
            (lead.text.as_str(), lead.anchors.as_slice()),
            ("URI格式", &["li1".to_owned()][..])
        );
        assert_eq!(
            paragraph(&first.blocks[1]).text,
            "GET /v2/{project_id}/cloudvolumes"
        );

        let second = &items.items[1];
        assert_eq!(paragraph(&second.blocks[0]).anchors, ["li2"]);
        let table = table(&second.blocks[1]);
        assert_eq!(second.blocks[1].line, 17);
        assert_eq!(
            table.caption.as_ref().map(|c| c.text.as_str()),
            Some("表 1 参数说明")
        );
        assert_eq!(table.anchors, ["table1"]);
        assert_eq!(table.header, ["参数", "描述"]);
        let row = &table.rows[0];
        assert_eq!(row.line, 21);
        assert_eq!((row.cells[0].line, row.cells[1].line), (22, 23));
        assert_eq!(paragraph(&row.cells[0].blocks[0]).anchors, ["p1"]);
        let description: Vec<&str> = row.cells[1]
            .blocks
            .iter()
            .map(|b| paragraph(b).text.as_str())
            .collect();
        assert_eq!(description, ["项目ID", "见URI格式"]);

        assert!(list(&doc.blocks[4]).ordered);
        assert_eq!(
            doc.blocks[5].kind,
            BlockKind::Code(Code {
                text: "{\n  \"a\": 1\n}".into()
            })
        );
        assert_eq!(doc.blocks[5].line, 30);
        assert_eq!(paragraph(&doc.blocks[6]).text, "transparent containers");
        assert_eq!(doc.blocks.len(), 7, "{:#?}", doc.blocks);
    }

    #[test]
    fn the_article_is_main_then_article_then_role_main_then_body() {
        let page = |body: &str| read_ok(&format!("<html><body>{body}</body></html>"));
        let texts = |doc: &Document| doc.blocks.iter().map(Block::plain_text).collect::<Vec<_>>();
        assert_eq!(
            texts(&page(
                "<p>a</p><article><p>b</p></article><main><p>c</p></main>"
            )),
            ["c"]
        );
        assert_eq!(texts(&page("<p>a</p><article><p>b</p></article>")), ["b"]);
        assert_eq!(
            texts(&page("<p>a</p><div role=\"main\"><p>b</p></div>")),
            ["b"]
        );
        assert_eq!(texts(&page("<header>h</header><p>a</p>")), ["a"]);
        // An article's own header holds its title.
        let doc =
            page("<header>site</header><article><header><h1>T</h1></header><p>b</p></article>");
        assert_eq!(texts(&doc), ["T", "b"]);
    }

    #[test]
    fn empty_pages_are_empty_documents() {
        assert_eq!(read_ok(""), Document::default());
        assert_eq!(read_ok(" \n"), Document::default());
        assert_eq!(read_ok("<html><body></body></html>"), Document::default());
    }

    #[test]
    fn odd_unicode_is_data() {
        let doc = read_ok("<p>a\u{202e}b\u{2028}c\u{feff}d</p>");
        assert_eq!(
            paragraph(&doc.blocks[0]).text,
            "a\u{202e}b\u{2028}c\u{feff}d"
        );
    }

    #[test]
    fn markdown_and_html_of_a_page_read_the_same() {
        let markdown = r##"# 删除标签<a name="evs_04_2029"></a>

## URI<a name="section1"></a>

-   URI格式

    POST /v2/\{project\_id\}/tags/action

-   <a name="li1"></a>参数说明

    <a name="table1"></a>
    <table><thead align="left"><tr><th><p>参数</p></th><th><p>描述</p></th></tr></thead>
    <tbody><tr><td><p><a name="p1"></a><a name="p1"></a>project_id</p></td>
    <td><p>项目ID，见<a href="获取项目ID.md">获取项目ID</a>。</p>
    <div class="note"><span class="notetitle"> 说明： </span><div class="notebody"><ul><li>最长64位</li></ul></div></div>
    </td></tr></tbody></table>

-   请求样例

    ```
    {
        "action": "delete"
    }
    ```

1.  一
2.  二

见[错误码](错误码.md)。
"##;
        let html = r##"<!DOCTYPE html><html><head><title>删除标签</title></head><body><main>
<h1>删除标签<a name="evs_04_2029"></a></h1>
<h2>URI<a name="section1"></a></h2>
<ul>
<li><p>URI格式</p><p>POST /v2/{project_id}/tags/action</p></li>
<li><p><a name="li1"></a>参数说明</p>
<a name="table1"></a>
<table><thead><tr><th>参数</th><th>描述</th></tr></thead>
<tbody><tr><td><p id="p1"><a name="p1"></a>project_id</p></td>
<td><p>项目ID，见<a href="获取项目ID.md">获取项目ID</a>。</p>
<div class="note"><span class="notetitle">说明：</span><div class="notebody"><ul><li>最长64位</li></ul></div></div>
</td></tr></tbody></table></li>
<li>请求样例<pre><code>{
    "action": "delete"
}
</code></pre></li>
</ul>
<ol><li>一</li><li>二</li></ol>
<p>见<a href="错误码.md">错误码</a>。</p>
</main></body></html>"##;
        let from_markdown = markdown::read(markdown).expect("readable");
        let from_html = read_ok(html);
        assert_eq!(from_markdown.without_lines(), from_html.without_lines());
        assert_eq!(from_html.blocks.len(), 5);
    }

    /// Depth of nested lists and tables in `blocks`, iteratively.
    fn structure_depth(blocks: &[Block]) -> usize {
        let mut deepest = 0;
        let mut stack: Vec<(&[Block], usize)> = vec![(blocks, 0)];
        while let Some((blocks, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            for block in blocks {
                match &block.kind {
                    BlockKind::List(list) => {
                        stack.extend(list.items.iter().map(|i| (&i.blocks[..], depth + 1)));
                    }
                    BlockKind::Table(table) => {
                        for row in &table.rows {
                            stack.extend(row.cells.iter().map(|c| (&c.blocks[..], depth + 1)));
                        }
                    }
                    _ => {}
                }
            }
        }
        deepest
    }

    #[test]
    fn hostile_nesting_is_flattened() {
        // The nestings named in the brief at full size, the others smaller to spare test time.
        for (open, n) in [
            ("<div>", 100_000),
            ("<ul><li>", 100_000),
            ("<table><tr><td>", 20_000),
            ("<span>", 20_000),
            ("<b>", 20_000),
        ] {
            let doc = read_ok(&format!("<html><body>{}deep</body></html>", open.repeat(n)));
            assert!(
                structure_depth(&doc.blocks) <= super::html_blocks::MAX_DEPTH,
                "{open}"
            );
            let text = format!("{:?}", doc);
            assert!(text.contains("deep"), "{open}: the text is kept");
        }
        // Items without end tags close each other rather than nest.
        let doc = read_ok(&format!("<ul>{}</ul>", "<li>x".repeat(100_000)));
        assert_eq!(list(&doc.blocks[0]).items.len(), 100_000);
    }
}
