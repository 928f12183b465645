//! The selectors of a stylesheet, as far as deciding which classes an element
//! needs: highlighted code carries only the classes its theme can match.

use std::collections::{HashMap, HashSet};

/// The classes of a stylesheet's selectors, one element at a time: for
/// `.z-source.z-python .z-keyword`, the compounds {z-source, z-python} and
/// {z-keyword}.
#[derive(Default, PartialEq)]
pub(crate) struct Styled {
    compounds: HashMap<String, Vec<Vec<String>>>,
}

impl Styled {
    pub fn from_css(css: &str) -> Styled {
        let mut styled = Styled::default();
        let mut rest = css;
        while let Some(open) = rest.find("/*") {
            let selectors_before = &rest[..open];
            styled.read_rules(selectors_before);
            rest = rest[open..].find("*/").map_or("", |end| &rest[open + end + 2..]);
        }
        styled.read_rules(rest);
        styled
    }

    /// The selectors of every rule in `css` (comments taken out).
    fn read_rules(&mut self, css: &str) {
        for block in css.split('}') {
            let Some((selectors, _)) = block.rsplit_once('{') else { continue };
            let selectors = selectors.rsplit('{').next().unwrap_or(selectors);
            for compound in selectors.split(|c: char| c.is_whitespace() || matches!(c, ',' | '>' | '+' | '~')) {
                let atoms: Vec<String> = compound.split('.').skip(1).filter(|a| a.starts_with("z-")).map(|a| a.to_string()).collect();
                for atom in &atoms {
                    self.compounds.entry(atom.clone()).or_default().push(atoms.clone());
                }
            }
        }
    }

    /// Some compound holding `atom` matches an element with all of `classes`.
    pub fn keeps(&self, atom: &str, classes: &HashSet<&str>) -> bool {
        self.compounds.get(atom).is_some_and(|cs| cs.iter().any(|c| c.iter().all(|a| classes.contains(a.as_str()))))
    }
}

/// Only how many: the map's order differs from run to run, and the build
/// cache hashes the settings through `Debug`.
impl std::fmt::Debug for Styled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Styled({} classes)", self.compounds.len())
    }
}
