//! What machines read of an interview's page: schema.org JSON-LD and Dublin
//! Core `<meta>` (DCMI terms), from the same fields the page shows.

use serde_json::{json, Map, Value};

use crate::content::recording::MediaKind;
use crate::site::Site;

/// An absolute URL for `url`, written under the base path or already absolute.
pub(crate) fn absolute(site: &Site, url: &str) -> String {
    if url.contains("://") {
        return url.to_string();
    }
    let base = &site.config.base_url;
    let origin = &base[..base.len() - site.config.base_path.len()];
    match url.strip_prefix('/') {
        Some(rest) => format!("{origin}/{rest}"),
        None => format!("{base}{url}"),
    }
}

/// The interview's JSON-LD, safe to put inside `<script>`.
pub(crate) fn json_ld(site: &Site, i: usize) -> String {
    let interview = &site.interviews[i];
    let m = &interview.meta;
    let person = |name: &str| {
        let mut p = Map::new();
        p.insert("@type".into(), "Person".into());
        p.insert("name".into(), name.into());
        if let Some(k) = site.person_of(i, name) {
            p.insert("url".into(), format!("{}{}", site.config.base_url, site.people[k].url).into());
        }
        Value::Object(p)
    };
    let mut o = Map::new();
    o.insert("@context".into(), "https://schema.org".into());
    o.insert("@type".into(), "CreativeWork".into());
    o.insert("genre".into(), "interview".into());
    o.insert("name".into(), m.title.clone().into());
    o.insert("url".into(), format!("{}{}", site.config.base_url, interview.url).into());
    o.insert("inLanguage".into(), m.lang.clone().into());
    if !m.summary.is_empty() {
        o.insert("description".into(), m.summary.clone().into());
    }
    if m.published {
        o.insert("datePublished".into(), m.date.to_rfc3339().into());
    }
    if let Some(r) = &m.recorded {
        o.insert("dateCreated".into(), r.iso().into());
    }
    if !m.interviewers.is_empty() {
        o.insert("author".into(), m.interviewers.iter().map(|p| person(&p.name)).collect());
    }
    o.insert("about".into(), m.interviewees.iter().map(|p| person(&p.name)).collect());
    // The interviewees are `about`; contributors are who else made the record.
    if !m.transcribers.is_empty() {
        let transcribers: Vec<Value> =
            m.transcribers.iter().map(|t| json!({"@type": "Person", "name": t, "jobTitle": "transcriber"})).collect();
        o.insert("contributor".into(), transcribers.into());
    }
    if let Some(place) = &m.place {
        o.insert("contentLocation".into(), json!({"@type": "Place", "name": place}));
    }
    if let Some(rights) = &m.rights {
        o.insert("copyrightNotice".into(), rights.clone().into());
    }
    if let Some(license) = &m.license {
        o.insert("license".into(), license.clone().into());
    }
    if let Some(id) = &m.identifier {
        o.insert("identifier".into(), id.clone().into());
    }
    if let Some(c) = m.collection.as_deref().and_then(|c| site.collections.iter().find(|x| x.def.slug == c)) {
        o.insert(
            "isPartOf".into(),
            json!({"@type": "Collection", "name": c.def.title, "url": format!("{}{}", site.config.base_url, c.url)}),
        );
        if let Some(order) = m.order {
            o.insert("position".into(), order.into());
        }
    }
    let media: Vec<Value> = m
        .media
        .iter()
        .map(|media| {
            let kind = if media.kind == MediaKind::Video { "VideoObject" } else { "AudioObject" };
            let mut x = Map::new();
            x.insert("@type".into(), kind.into());
            x.insert("contentUrl".into(), absolute(site, &media.url).into());
            if let Some(mime) = &media.mime {
                x.insert("encodingFormat".into(), mime.clone().into());
            }
            if let Some(d) = media.duration.as_ref().or(m.duration.as_ref()) {
                x.insert("duration".into(), d.iso().into());
            }
            Value::Object(x)
        })
        .collect();
    if !media.is_empty() {
        o.insert("associatedMedia".into(), media.into());
    }
    let topics: Vec<&str> = m.topics.iter().filter_map(|t| site.config.topic(t)).map(|t| t.title.as_str()).collect();
    if !topics.is_empty() {
        o.insert("keywords".into(), topics.join(", ").into());
    }
    let versions = &site.versions[i];
    if let Some(&original) = versions.first() {
        let url = |v: usize| format!("{}{}", site.config.base_url, site.interviews[v].url);
        if original != i {
            o.insert("translationOfWork".into(), json!({"@id": url(original)}));
        } else {
            o.insert("workTranslation".into(), versions[1..].iter().map(|&v| json!({"@id": url(v)})).collect());
        }
    }
    // `</script>` or `<!--` inside a string would change how HTML reads the
    // element: JSON's own escapes keep the same text out of HTML's sight.
    Value::Object(o).to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// `<meta name="dcterms.*">` pairs, in the order DCMI lists its terms.
pub(crate) fn dublin_core(site: &Site, i: usize) -> Vec<(&'static str, String)> {
    let m = &site.interviews[i].meta;
    let mut out: Vec<(&'static str, String)> = vec![("dcterms.title", m.title.clone())];
    out.extend(m.interviewers.iter().map(|p| ("dcterms.creator", p.name.clone())));
    out.extend(m.interviewees.iter().map(|p| ("dcterms.contributor", p.name.clone())));
    out.extend(m.transcribers.iter().map(|t| ("dcterms.contributor", t.clone())));
    if !m.summary.is_empty() {
        out.push(("dcterms.description", m.summary.clone()));
    }
    if m.published {
        out.push(("dcterms.issued", m.date.format("%Y-%m-%d").to_string()));
    }
    if let Some(r) = &m.recorded {
        out.push(("dcterms.created", r.edtf()));
    }
    if let Some(place) = &m.place {
        out.push(("dcterms.spatial", place.clone()));
    }
    if let Some(rights) = &m.rights {
        out.push(("dcterms.rights", rights.clone()));
    }
    if let Some(license) = &m.license {
        out.push(("dcterms.license", license.clone()));
    }
    if let Some(id) = &m.identifier {
        out.push(("dcterms.identifier", id.clone()));
    }
    if let Some(c) = m.collection.as_deref().and_then(|c| site.config.collection(c)) {
        out.push(("dcterms.isPartOf", c.title.clone()));
    }
    if let Some(d) = &m.duration {
        out.push(("dcterms.extent", d.iso()));
    }
    out.push(("dcterms.language", m.lang.clone()));
    let kind = match m.media.first().map(|x| x.kind) {
        Some(MediaKind::Audio) => "Sound",
        Some(MediaKind::Video) => "MovingImage",
        None => "Text",
    };
    out.push(("dcterms.type", kind.into()));
    for topic in m.topics.iter().filter_map(|t| site.config.topic(t)) {
        out.push(("dcterms.subject", topic.title.clone()));
    }
    out
}
