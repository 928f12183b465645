//! `wenda init` and `wenda new`: a new site that builds as it is, and a new
//! interview file with its front matter filled in.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, SecondsFormat};

use crate::content::reading::is_cjk;
use crate::render::theme::built_in_files;
use crate::slug;

const SITE_TOML: &str = r#"title = "My interview archive"
description = "Interviews, question by question."
base_url = "https://example.org/"
language = "en"          # interface language: "en" or "zh-CN"
theme = "default"
paginate_by = 20
feed_limit = 20

[[topics]]
slug = "agents"
title = "Agents"
description = "AI agents, tool use and automated workflows."
keywords = ["Agent", "智能体", "工具调用", "tool use", "workflow", "autonomy"]

[[topics]]
slug = "multimodality"
title = "Multimodality"
description = "Images, speech, video and multimodal models."
keywords = ["multimodal", "多模态", "video", "视频", "image", "图像", "speech", "语音", "vision"]

[[topics]]
slug = "regulation"
title = "Regulation"
description = "AI regulation, compliance, privacy and governance."
keywords = ["regulation", "监管", "compliance", "合规", "privacy", "隐私", "governance", "治理"]
"#;

const EXAMPLE: &str = r#"---
title: "Example: an interview about agents"
date: 2025-01-15T10:00:00+00:00
interviewer: "Your Name"
interviewees:
  - name: "Ada Example"
    role: "Head of Research, Example Labs"
topics: [agents]
summary: "An example interview: replace it with your own."
lang: en
---

An introduction: who is speaking, when and why.

## The work

Q: What does an agent do in your team today?

Ada Example: It reads a request, calls the tools it needs and drafts an answer for a person to check.

Q: Who is responsible when it gets something wrong? {topics: agents, regulation}

Ada Example: The person who approves its work. That rule made our compliance team comfortable.
"#;

/// Write a new site into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.exists() && dir.read_dir().map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!("{} is not empty; choose a new folder", dir.display()));
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from("site.toml"), SITE_TOML.as_bytes().to_vec()),
        (PathBuf::from("content/interviews/2025-01-15-example.md"), EXAMPLE.as_bytes().to_vec()),
        (PathBuf::from(".gitignore"), b"public/\n.public.wenda-*\n.wenda-cache/\n".to_vec()),
        (PathBuf::from(".github/workflows/pages.yml"), pages_workflow().into_bytes()),
    ];
    for (path, bytes) in built_in_files() {
        files.push((Path::new("themes/default").join(path), bytes.to_vec()));
    }
    for (path, bytes) in &files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap_or(dir)).map_err(|e| format!("{}: {e}", full.display()))?;
        std::fs::write(&full, bytes).map_err(|e| format!("{}: {e}", full.display()))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// The GitHub Pages workflow of a new site: it publishes with the wenda
/// action of this program's repository, pinned to this program's release.
pub fn pages_workflow() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    let action = repository.strip_prefix("https://github.com/").unwrap_or(repository);
    include_str!("scaffold/pages.yml").replace("{{action}}", action).replace("{{version}}", env!("CARGO_PKG_VERSION"))
}

/// Write `content/interviews/<date>-<slug>.md` under `root` for an interview
/// titled `title`; never overwrites.
pub fn new_interview(root: &Path, title: &str, now: DateTime<FixedOffset>) -> Result<PathBuf, String> {
    let title = title.trim();
    if title.is_empty() {
        return Err("the title is empty".into());
    }
    let slug = slug::slugify_within(title, 60);
    if slug.is_empty() {
        return Err(format!("no slug can be made from \"{title}\"; use letters or Chinese characters"));
    }
    let chinese = title.chars().any(is_cjk);
    let (lang, q, interviewee, placeholder) = if chinese {
        ("zh-CN", "问", "受访者姓名", "在这里写导语。")
    } else {
        ("en", "Q", "Interviewee", "Write the introduction here.")
    };
    let rel = PathBuf::from(format!("content/interviews/{}-{slug}.md", now.format("%Y-%m-%d")));
    let path = root.join(&rel);
    let text = format!(
        "---\ntitle: {title:?}\ndate: {}\nslug: {slug}\ninterviewer: \"\"\ninterviewees:\n  - name: \"{interviewee}\"\n    role: \"\"\ntopics: []\nsummary: \"\"\nlang: {lang}\ndraft: true\n---\n\n{placeholder}\n\n{q}: \n\n{interviewee}: \n",
        now.to_rfc3339_opts(SecondsFormat::Secs, false)
    );
    std::fs::create_dir_all(path.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!("{} already exists; it was left as it is", rel.display()),
        _ => format!("{}: {e}", rel.display()),
    })?;
    file.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_interview_slug_is_transliterated_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::parse_from_rfc3339("2025-02-03T09:00:00+08:00").unwrap();
        let rel = new_interview(dir.path(), "专访王晓航", now).unwrap();
        assert_eq!(rel, PathBuf::from("content/interviews/2025-02-03-zhuan-fang-wang-xiao-hang.md"));
        let text = std::fs::read_to_string(dir.path().join(&rel)).unwrap();
        assert!(text.contains("date: 2025-02-03T09:00:00+08:00") && text.contains("draft: true") && text.contains("\n问: \n"));
        assert!(new_interview(dir.path(), "专访王晓航", now).unwrap_err().contains("already exists"));
    }
}
