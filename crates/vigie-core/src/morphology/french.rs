//! French conjugation: the first (-er) and second (-ir) groups by rule, the third group from the irregular verb
//! table (`data/morphology/fr/irregular_verbs.tsv`) with family derivation (obtenir from tenir).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::table::{records, stems, table_error, Cell};
use super::{Lang, LemmaInfo, Mood, MorphologyError, Slot, Tense};

/// Lemmas every French lexicon holds: the auxiliaries, the verbs that build periphrastic tenses (aller +
/// infinitive, venir de + infinitive), the modals and continuer, which lends its tense to an infinitive.
pub(crate) const GRAMMATICAL_LEMMAS: &[&str] = &[
    "être",
    "avoir",
    "aller",
    "venir",
    "pouvoir",
    "devoir",
    "vouloir",
    "continuer",
];

const TABLE_TEXT: &str = include_str!("../../../../data/morphology/fr/irregular_verbs.tsv");

const PRESENT_ER: [&str; 6] = ["e", "es", "e", "ons", "ez", "ent"];
const IMPARFAIT: [&str; 6] = ["ais", "ais", "ait", "ions", "iez", "aient"];
const FUTUR: [&str; 6] = ["ai", "as", "a", "ons", "ez", "ont"];
const SUBJONCTIF: [&str; 6] = ["e", "es", "e", "ions", "iez", "ent"];
/// Person indices of the three imperative forms (tu, nous, vous).
const IMPERATIVE_PERSONS: [usize; 3] = [1, 3, 4];
const ALL_PERSONS: [usize; 6] = [0, 1, 2, 3, 4, 5];

/// Conjugates `lemma` (lower-case, without reflexive pronoun) into `sink`.
pub(crate) fn conjugate(
    lemma: &str,
    sink: &mut dyn FnMut(&str, Slot),
) -> Result<LemmaInfo, MorphologyError> {
    let table = table()?;
    let (row, etre) = match table.find(lemma) {
        Some(i) => (Some(i), table.rows[i].etre.unwrap_or(false)),
        None => (None, false),
    };
    match row.map(|i| (i, &table.models[i])) {
        Some((i, Model::Full(paradigm))) => {
            // A family member is its model's paradigm with the model's stem swapped for its own while emitting.
            let model_lemma = &table.rows[i].lemma;
            let swap = stems(model_lemma, lemma);
            generate_full(model_lemma, paradigm, swap, sink)
                .map_err(|message| table_error(Lang::Fr, table.rows[i].line, message))?;
        }
        Some((_, Model::First { grave })) => generate_first(lemma, *grave, sink),
        Some((_, Model::Second)) | None => match regular_model(lemma, false)? {
            Model::First { grave } => generate_first(lemma, grave, sink),
            _ => generate_second(lemma, sink),
        },
    }
    Ok(LemmaInfo { etre })
}

fn table() -> Result<&'static Table, MorphologyError> {
    static TABLE: OnceLock<Result<Table, MorphologyError>> = OnceLock::new();
    TABLE
        .get_or_init(|| Table::parse(TABLE_TEXT))
        .as_ref()
        .map_err(Clone::clone)
}

/// The columns of a row that describe forms, in table order.
#[derive(Clone, Debug, Default)]
struct Paradigm {
    present: Cell,
    imparfait: Cell,
    passe_simple: Cell,
    futur: Cell,
    subjonctif: Cell,
    imperatif: Cell,
    p_present: Cell,
    p_passe: Cell,
}

impl Paradigm {
    fn from_cells(cells: &[&str]) -> Paradigm {
        let cell = |i: usize| Cell::parse(cells.get(i).copied().unwrap_or("-"));
        Paradigm {
            present: cell(0),
            imparfait: cell(1),
            passe_simple: cell(2),
            futur: cell(3),
            subjonctif: cell(4),
            imperatif: cell(5),
            p_present: cell(6),
            p_passe: cell(7),
        }
    }

    fn cells(&self) -> [&Cell; 8] {
        [
            &self.present,
            &self.imparfait,
            &self.passe_simple,
            &self.futur,
            &self.subjonctif,
            &self.imperatif,
            &self.p_present,
            &self.p_passe,
        ]
    }

    fn cells_mut(&mut self) -> [&mut Cell; 8] {
        [
            &mut self.present,
            &mut self.imparfait,
            &mut self.passe_simple,
            &mut self.futur,
            &mut self.subjonctif,
            &mut self.imperatif,
            &mut self.p_present,
            &mut self.p_passe,
        ]
    }

    fn validate(&self) -> Result<(), String> {
        if self.present.slots(6).is_none() {
            return Err("the present needs six forms".into());
        }
        for (name, cell, counts) in [
            ("imparfait", &self.imparfait, &[1][..]),
            ("passé simple", &self.passe_simple, &[1]),
            ("futur", &self.futur, &[1]),
            ("subjonctif", &self.subjonctif, &[2, 6]),
            ("impératif", &self.imperatif, &[3]),
            ("participe présent", &self.p_present, &[1]),
            ("participe passé", &self.p_passe, &[1, 4]),
        ] {
            if let Cell::Slots(slots) = cell {
                if !counts.contains(&slots.len()) {
                    return Err(format!(
                        "the {name} takes {counts:?} values, not {}",
                        slots.len()
                    ));
                }
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
enum Kind {
    Full(Paradigm),
    Regular { grave: bool },
    Like { model: String, overrides: Paradigm },
}

#[derive(Clone, Debug)]
struct Row {
    line: usize,
    lemma: String,
    /// `None` means "avoir" for a full row and "the model's" for a `=MODEL` row.
    etre: Option<bool>,
    kind: Kind,
}

struct Table {
    rows: Vec<Row>,
    /// Each row's conjugation with its `=MODEL` reference and overrides resolved, computed once at parse time.
    models: Vec<Model>,
    by_lemma: HashMap<String, usize>,
    by_family: HashMap<String, usize>,
}

/// How a verb is conjugated once the table has been consulted.
#[derive(Clone, Debug)]
enum Model {
    Full(Paradigm),
    First { grave: bool },
    Second,
}

struct Resolved {
    model: Model,
    etre: bool,
    /// Table line the conjugation comes from, for error messages (0 for a regular verb).
    line: usize,
}

impl Table {
    fn parse(text: &str) -> Result<Table, MorphologyError> {
        let mut table = Table {
            rows: Vec::new(),
            models: Vec::new(),
            by_lemma: HashMap::new(),
            by_family: HashMap::new(),
        };
        for (line, fields) in records(text) {
            let err = |message: String| table_error(Lang::Fr, line, message);
            if !(4..=11).contains(&fields.len()) {
                return Err(err(format!(
                    "expected 4 to 11 columns, found {}",
                    fields.len()
                )));
            }
            let lemma = fields[0].to_owned();
            let etre = match fields[2] {
                "-" => None,
                "avoir" => Some(false),
                "être" | "être/avoir" | "avoir/être" => Some(true),
                other => return Err(err(format!("unknown auxiliary {other:?}"))),
            };
            let kind = match fields[3] {
                "=" | "=è" => {
                    if fields[4..].iter().any(|f| *f != "-") {
                        return Err(err("a regular row takes no forms".into()));
                    }
                    Kind::Regular {
                        grave: fields[3] == "=è",
                    }
                }
                present if present.starts_with('=') => {
                    let mut overrides = Paradigm::from_cells(&fields[3..]);
                    overrides.present = Cell::Default;
                    Kind::Like {
                        model: present[1..].to_owned(),
                        overrides,
                    }
                }
                _ => {
                    let paradigm = Paradigm::from_cells(&fields[3..]);
                    paradigm.validate().map_err(err)?;
                    if paradigm.passe_simple == Cell::Default || paradigm.p_passe == Cell::Default {
                        return Err(err(
                            "the passé simple and the past participle must be given (or \"none\")"
                                .into(),
                        ));
                    }
                    Kind::Full(paradigm)
                }
            };
            let index = table.rows.len();
            if table.by_lemma.insert(lemma.clone(), index).is_some() {
                return Err(err(format!("{lemma:?} is listed twice")));
            }
            if fields[1] != "-" {
                if !lemma.ends_with(fields[1]) {
                    return Err(err(format!(
                        "{lemma:?} does not end with its family {:?}",
                        fields[1]
                    )));
                }
                if table
                    .by_family
                    .insert(fields[1].to_owned(), index)
                    .is_some()
                {
                    return Err(err(format!("family {:?} is given twice", fields[1])));
                }
            }
            table.rows.push(Row {
                line,
                lemma,
                etre,
                kind,
            });
        }
        let mut models = Vec::with_capacity(table.rows.len());
        for row in &table.rows {
            let resolved = table.resolve_row(row, 0)?;
            if let Model::Full(paradigm) = &resolved.model {
                // Generate once so that a defect of the row is reported when the table is loaded.
                generate_full(&row.lemma, paradigm, ("", ""), &mut |_, _| {})
                    .map_err(|message| table_error(Lang::Fr, row.line, message))?;
            }
            models.push(resolved.model);
        }
        table.models = models;
        // A "=MODEL" row inherits its model's auxiliary unless it gives its own.
        for i in 0..table.rows.len() {
            if table.rows[i].etre.is_none() {
                let inherited = table.resolve_row(&table.rows[i], 0)?.etre;
                table.rows[i].etre = Some(inherited);
            }
        }
        Ok(table)
    }

    /// The row that conjugates `lemma`: its own, or the one with the longest family it ends with (obtenir takes
    /// tenir's row, contraindre takes craindre's).
    fn find(&self, lemma: &str) -> Option<usize> {
        if let Some(&i) = self.by_lemma.get(lemma) {
            return Some(i);
        }
        lemma
            .char_indices()
            .find_map(|(at, _)| self.by_family.get(&lemma[at..]).copied())
    }

    /// Resolves the model of a `=MODEL` row when the table is loaded: the model's own row, or a family member.
    fn resolve(&self, lemma: &str, depth: u8) -> Result<Resolved, MorphologyError> {
        if depth > 8 {
            return Err(unknown(
                lemma,
                "the table's models refer to each other in a cycle",
            ));
        }
        match self.find(lemma) {
            Some(i) if self.rows[i].lemma == lemma => self.resolve_row(&self.rows[i], depth),
            Some(i) => {
                let row = &self.rows[i];
                let base = self.resolve_row(row, depth)?;
                derive(base, &row.lemma, lemma)
            }
            None => Ok(Resolved {
                model: regular_model(lemma, false)?,
                etre: false,
                line: 0,
            }),
        }
    }

    /// A row's conjugation with its `=MODEL` reference and overrides applied.
    fn resolve_row(&self, row: &Row, depth: u8) -> Result<Resolved, MorphologyError> {
        match &row.kind {
            Kind::Full(paradigm) => Ok(Resolved {
                model: Model::Full(paradigm.clone()),
                etre: row.etre.unwrap_or(false),
                line: row.line,
            }),
            Kind::Regular { grave } => Ok(Resolved {
                model: regular_model(&row.lemma, *grave)?,
                etre: row.etre.unwrap_or(false),
                line: row.line,
            }),
            Kind::Like { model, overrides } => {
                let base = self.resolve(model, depth + 1)?;
                let mut derived = derive(base, model, &row.lemma)?;
                match &mut derived.model {
                    Model::Full(paradigm) => {
                        for (cell, replacement) in
                            paradigm.cells_mut().into_iter().zip(overrides.cells())
                        {
                            if *replacement != Cell::Default {
                                *cell = replacement.clone();
                            }
                        }
                        paradigm
                            .validate()
                            .map_err(|m| table_error(Lang::Fr, row.line, m))?;
                    }
                    _ => {
                        return Err(table_error(
                            Lang::Fr,
                            row.line,
                            format!("model {model:?} is a regular verb; write \"=\" instead"),
                        ))
                    }
                }
                derived.etre = row.etre.unwrap_or(derived.etre);
                derived.line = row.line;
                Ok(derived)
            }
        }
    }
}

/// Conjugates `lemma` on the model of `model_lemma`: a full paradigm gets its stem swapped, a regular model
/// applies its rules to the new lemma.
fn derive(base: Resolved, model_lemma: &str, lemma: &str) -> Result<Resolved, MorphologyError> {
    let model = match base.model {
        Model::Full(mut paradigm) => {
            let (from, to) = stems(model_lemma, lemma);
            for cell in paradigm.cells_mut() {
                cell.substitute(from, to)
                    .map_err(|m| table_error(Lang::Fr, base.line, m))?;
            }
            Model::Full(paradigm)
        }
        Model::First { grave } => regular_model(lemma, grave)?,
        Model::Second => regular_model(lemma, false)?,
    };
    Ok(Resolved { model, ..base })
}

fn regular_model(lemma: &str, grave: bool) -> Result<Model, MorphologyError> {
    if lemma.len() > 2 && lemma.ends_with("er") {
        Ok(Model::First { grave })
    } else if lemma.len() > 2 && lemma.ends_with("ir") {
        Ok(Model::Second)
    } else {
        Err(unknown(
            lemma,
            "neither a regular -er/-ir verb nor covered by the irregular verb table",
        ))
    }
}

fn unknown(lemma: &str, reason: &'static str) -> MorphologyError {
    MorphologyError::UnknownVerb {
        lang: Lang::Fr,
        lemma: lemma.to_owned(),
        reason,
    }
}

/// Builds forms in one reused buffer so that conjugating allocates only what the sink keeps. The first part of
/// every form starts with `swap.0`, which is replaced by `swap.1`: a family member ("contraindre") is emitted
/// from its model's paradigm ("craindre", swapping "c" for "cont").
struct Emitter<'s, 'w> {
    sink: &'s mut dyn FnMut(&str, Slot),
    buffer: String,
    swap: (&'w str, &'w str),
    error: Option<String>,
}

impl<'s, 'w> Emitter<'s, 'w> {
    fn new(sink: &'s mut dyn FnMut(&str, Slot), swap: (&'w str, &'w str)) -> Self {
        Emitter {
            sink,
            buffer: String::new(),
            swap,
            error: None,
        }
    }

    fn emit(&mut self, parts: &[&str], slot: Slot) {
        let Some((first, rest)) = parts.split_first() else {
            return;
        };
        // Most verbs swap nothing; checking for that first keeps a string comparison off every form.
        let tail = if self.swap.0.is_empty() {
            *first
        } else if let Some(tail) = first.strip_prefix(self.swap.0) {
            tail
        } else {
            self.error.get_or_insert_with(|| {
                format!(
                    "form {first:?} does not start with the stem {:?}",
                    self.swap.0
                )
            });
            return;
        };
        self.buffer.clear();
        self.buffer.push_str(self.swap.1);
        self.buffer.push_str(tail);
        for part in rest {
            self.buffer.push_str(part);
        }
        (self.sink)(&self.buffer, slot);
    }

    fn finish(self) -> Result<(), String> {
        self.error.map_or(Ok(()), Err)
    }
}

fn participle_slot(index: usize) -> Slot {
    Slot {
        mood: Mood::Participle,
        tense: Tense::PastParticiple,
        person: None,
        plural: Some(index >= 2),
        feminine: Some(index % 2 == 1),
    }
}

/// The four forms m.sg, f.sg, m.pl, f.pl of a past participle from its masculine singular.
fn participle_forms(masculine: &str) -> [String; 4] {
    if let Some(stem) = masculine.strip_suffix('û') {
        [
            masculine.to_owned(),
            format!("{stem}ue"),
            format!("{stem}us"),
            format!("{stem}ues"),
        ]
    } else if masculine.ends_with('s') || masculine.ends_with('x') {
        [
            masculine.to_owned(),
            format!("{masculine}e"),
            masculine.to_owned(),
            format!("{masculine}es"),
        ]
    } else {
        [
            masculine.to_owned(),
            format!("{masculine}e"),
            format!("{masculine}s"),
            format!("{masculine}es"),
        ]
    }
}

/// The type of a passé simple, read from its first person singular.
#[derive(Clone, Copy)]
enum PasseSimple {
    /// allai, envoyai: -ai, -as, -a, -âmes, -âtes, -èrent.
    A,
    /// vins, tins: -ins, -int, -înmes.
    In,
    /// pris, reçus, haïs, crûs: the vowel before the final s.
    Vowel(char),
}

fn passe_simple_parts(first_singular: &str) -> Option<(&str, PasseSimple)> {
    if let Some(stem) = first_singular.strip_suffix("ai") {
        return Some((stem, PasseSimple::A));
    }
    if let Some(stem) = first_singular.strip_suffix("ins") {
        return Some((stem, PasseSimple::In));
    }
    let body = first_singular.strip_suffix('s')?;
    let vowel = body.chars().next_back()?;
    matches!(vowel, 'i' | 'ï' | 'u' | 'û').then(|| {
        (
            &body[..body.len() - vowel.len_utf8()],
            PasseSimple::Vowel(vowel),
        )
    })
}

/// The imparfait du subjonctif is only produced in the third person ("fût", "eût", "signât", "fussent"): news
/// text uses no other, and the rest would only weigh on the lexicon.
fn is_third_person(i: usize) -> bool {
    i == 2 || i == 5
}

fn circumflex(vowel: char) -> char {
    match vowel {
        'i' => 'î',
        'u' => 'û',
        other => other,
    }
}

fn emit_passe_simple(out: &mut Emitter, stem: &str, kind: PasseSimple, persons: &[usize]) {
    let mut v = [0u8; 4];
    let mut c = [0u8; 4];
    let (passe, subjonctif): ([&str; 6], [&str; 6]) = match kind {
        PasseSimple::A => (
            ["ai", "as", "a", "âmes", "âtes", "èrent"],
            ["asse", "asses", "ât", "assions", "assiez", "assent"],
        ),
        PasseSimple::In => (
            ["ins", "ins", "int", "înmes", "întes", "inrent"],
            ["insse", "insses", "înt", "inssions", "inssiez", "inssent"],
        ),
        PasseSimple::Vowel(vowel) => {
            let v: &str = vowel.encode_utf8(&mut v);
            let c: &str = circumflex(vowel).encode_utf8(&mut c);
            for &i in persons {
                let (a, b) = [
                    (v, "s"),
                    (v, "s"),
                    (v, "t"),
                    (c, "mes"),
                    (c, "tes"),
                    (v, "rent"),
                ][i];
                out.emit(
                    &[stem, a, b],
                    Slot::finite(Mood::Indicative, Tense::Past, i),
                );
                if !is_third_person(i) {
                    continue;
                }
                let (a, b) = [
                    (v, "sse"),
                    (v, "sses"),
                    (c, "t"),
                    (v, "ssions"),
                    (v, "ssiez"),
                    (v, "ssent"),
                ][i];
                out.emit(
                    &[stem, a, b],
                    Slot::finite(Mood::Subjunctive, Tense::Imperfect, i),
                );
            }
            return;
        }
    };
    for &i in persons {
        out.emit(
            &[stem, passe[i]],
            Slot::finite(Mood::Indicative, Tense::Past, i),
        );
        if !is_third_person(i) {
            continue;
        }
        out.emit(
            &[stem, subjonctif[i]],
            Slot::finite(Mood::Subjunctive, Tense::Imperfect, i),
        );
    }
}

fn emit_future_and_conditional(out: &mut Emitter, stem: &str, persons: &[usize]) {
    for &i in persons {
        out.emit(
            &[stem, FUTUR[i]],
            Slot::finite(Mood::Indicative, Tense::Future, i),
        );
        out.emit(
            &[stem, IMPARFAIT[i]],
            Slot::finite(Mood::Conditional, Tense::Present, i),
        );
    }
}

/// The single-slot values of a cell (stems, or the variants of one form).
fn single(
    cell: &Cell,
    default: impl FnOnce() -> Result<Vec<String>, String>,
) -> Result<Vec<String>, String> {
    match cell {
        Cell::Default => default(),
        Cell::None => Ok(Vec::new()),
        Cell::Slots(slots) => Ok(slots.first().cloned().unwrap_or_default()),
    }
}

fn strip_all(forms: &[String], suffix: &str, what: &str) -> Result<Vec<String>, String> {
    forms
        .iter()
        .map(|f| {
            f.strip_suffix(suffix).map(str::to_owned).ok_or_else(|| {
                format!("cannot take the {what} from {f:?}, which does not end in -{suffix}")
            })
        })
        .collect()
}

/// Emits the forms of the verb whose paradigm is `p` and infinitive `lemma`, swapping stems as `swap` says.
fn generate_full(
    lemma: &str,
    p: &Paradigm,
    swap: (&str, &str),
    sink: &mut dyn FnMut(&str, Slot),
) -> Result<(), String> {
    let present = p
        .present
        .slots(6)
        .ok_or_else(|| "the present needs six forms".to_owned())?;
    let impersonal = present
        .iter()
        .enumerate()
        .all(|(i, slot)| (i == 2) != slot.is_empty());
    let persons: &[usize] = if impersonal { &[2] } else { &ALL_PERSONS };
    let mut out = Emitter::new(sink, swap);
    out.emit(&[lemma], Slot::bare(Mood::Infinitive, Tense::None));

    for &i in persons {
        for form in &present[i] {
            out.emit(&[form], Slot::finite(Mood::Indicative, Tense::Present, i));
        }
    }

    let imparfait = single(&p.imparfait, || {
        strip_all(&present[3], "ons", "imparfait stem")
    })?;
    for stem in &imparfait {
        for &i in persons {
            out.emit(
                &[stem, IMPARFAIT[i]],
                Slot::finite(Mood::Indicative, Tense::Imperfect, i),
            );
        }
    }

    let passe = single(&p.passe_simple, || {
        Err("the passé simple must be given".into())
    })?;
    for form in &passe {
        let (stem, kind) = passe_simple_parts(form).ok_or_else(|| {
            format!("{form:?} is not a first person singular of the passé simple")
        })?;
        emit_passe_simple(&mut out, stem, kind, persons);
    }

    let futur = single(&p.futur, || {
        Ok(vec![lemma.strip_suffix('e').unwrap_or(lemma).to_owned()])
    })?;
    for stem in &futur {
        emit_future_and_conditional(&mut out, stem, persons);
    }

    match &p.subjonctif {
        Cell::None => {}
        Cell::Slots(slots) if slots.len() == 6 => {
            for &i in persons {
                for form in &slots[i] {
                    out.emit(&[form], Slot::finite(Mood::Subjunctive, Tense::Present, i));
                }
            }
        }
        cell => {
            let (first, second) = match cell {
                Cell::Slots(slots) => (slots[0].clone(), slots[1].clone()),
                _ => (
                    strip_all(&present[5], "ent", "subjonctif stem")?,
                    imparfait.clone(),
                ),
            };
            for &i in persons {
                let stems = if i == 3 || i == 4 { &second } else { &first };
                for stem in stems {
                    out.emit(
                        &[stem, SUBJONCTIF[i]],
                        Slot::finite(Mood::Subjunctive, Tense::Present, i),
                    );
                }
            }
        }
    }

    if !impersonal {
        match &p.imperatif {
            Cell::None => {}
            Cell::Slots(slots) => {
                for (slot, &i) in slots.iter().zip(&IMPERATIVE_PERSONS) {
                    for form in slot {
                        out.emit(&[form], Slot::finite(Mood::Imperative, Tense::Present, i));
                    }
                }
            }
            Cell::Default => {
                for &i in &IMPERATIVE_PERSONS {
                    for form in &present[i] {
                        // "tu ouvres" gives "ouvre": the imperative drops the s of an -es ending.
                        let form = match form.strip_suffix("es") {
                            Some(stem) if i == 1 => &form[..stem.len() + 1],
                            _ => form.as_str(),
                        };
                        out.emit(&[form], Slot::finite(Mood::Imperative, Tense::Present, i));
                    }
                }
            }
        }
    }

    let p_present = single(&p.p_present, || {
        Ok(imparfait.iter().map(|stem| format!("{stem}ant")).collect())
    })?;
    for form in &p_present {
        out.emit(
            &[form],
            Slot::bare(Mood::Participle, Tense::PresentParticiple),
        );
    }

    match &p.p_passe {
        Cell::Slots(slots) if slots.len() == 4 => {
            for (index, slot) in slots.iter().enumerate() {
                for form in slot {
                    out.emit(&[form], participle_slot(index));
                }
            }
        }
        Cell::Slots(slots) => {
            for masculine in slots.first().into_iter().flatten() {
                for (index, form) in participle_forms(masculine).iter().enumerate() {
                    out.emit(&[form], participle_slot(index));
                }
            }
        }
        Cell::None => {}
        Cell::Default => return Err("the past participle must be given".into()),
    }
    out.finish()
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'â'
            | 'à'
            | 'ä'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ô'
            | 'ö'
            | 'û'
            | 'ù'
            | 'ü'
            | 'œ'
            | 'æ'
    )
}

/// Stems of a first-group verb before a mute e (je lève, j'appelle, je cède, j'emploie, je paie/paye), and
/// whether the future also keeps the unchanged stem (céderai beside cèderai, for é → è verbs).
fn mute_stems(stem: &str, grave: bool) -> (Vec<String>, bool) {
    if stem.ends_with("oy") || stem.ends_with("uy") {
        return (vec![format!("{}i", &stem[..stem.len() - 1])], false);
    }
    if stem.ends_with("ay") {
        return (
            vec![format!("{}i", &stem[..stem.len() - 1]), stem.to_owned()],
            false,
        );
    }
    // Find the last vowel of the stem and the consonants after it; the u of gu/qu counts as a consonant.
    let chars: Vec<(usize, char)> = stem.char_indices().collect();
    let mut k = chars.len();
    while k > 0 {
        let (_, c) = chars[k - 1];
        let silent_u = c == 'u' && k >= 2 && matches!(chars[k - 2].1, 'g' | 'q');
        if is_vowel(c) && !silent_u {
            break;
        }
        k -= 1;
    }
    if k == 0 || k == chars.len() {
        return (vec![stem.to_owned()], false);
    }
    let (at, vowel) = chars[k - 1];
    let tail = &stem[at + vowel.len_utf8()..];
    let tail_chars: Vec<char> = tail.chars().collect();
    match vowel {
        'é' => (vec![format!("{}è{}", &stem[..at], tail)], true),
        'e' => {
            let single = tail_chars.len() == 1 && tail_chars[0] != 'x';
            let cluster = tail_chars.len() == 2
                && matches!(tail_chars[1], 'r' | 'l')
                && tail_chars[0] != tail_chars[1];
            if single && matches!(tail_chars[0], 'l' | 't') && !grave {
                (vec![format!("{stem}{}", tail_chars[0])], false)
            } else if single || cluster {
                (vec![format!("{}è{}", &stem[..at], tail)], false)
            } else {
                (vec![stem.to_owned()], false)
            }
        }
        _ => (vec![stem.to_owned()], false),
    }
}

fn generate_first(lemma: &str, grave: bool, sink: &mut dyn FnMut(&str, Slot)) {
    let stem = &lemma[..lemma.len() - 2];
    // Before a and o, c becomes ç and g becomes ge: commençons, mangeons.
    let ao = if let Some(s) = stem.strip_suffix('c') {
        format!("{s}ç")
    } else if stem.ends_with('g') {
        format!("{stem}e")
    } else {
        stem.to_owned()
    };
    let (mute, keeps_plain_future) = mute_stems(stem, grave);
    let mut out = Emitter::new(sink, ("", ""));
    let finite = Slot::finite;
    out.emit(&[lemma], Slot::bare(Mood::Infinitive, Tense::None));
    for i in ALL_PERSONS {
        let slot = finite(Mood::Indicative, Tense::Present, i);
        match i {
            3 => out.emit(&[&ao, PRESENT_ER[i]], slot),
            4 => out.emit(&[stem, PRESENT_ER[i]], slot),
            _ => mute
                .iter()
                .for_each(|m| out.emit(&[m, PRESENT_ER[i]], slot)),
        }
        let slot = finite(Mood::Indicative, Tense::Imperfect, i);
        let imparfait_stem = if i == 3 || i == 4 { stem } else { &ao };
        out.emit(&[imparfait_stem, IMPARFAIT[i]], slot);
        let slot = finite(Mood::Indicative, Tense::Past, i);
        match i {
            5 => out.emit(&[stem, "èrent"], slot),
            _ => out.emit(&[&ao, ["ai", "as", "a", "âmes", "âtes"][i]], slot),
        }
        let slot = finite(Mood::Subjunctive, Tense::Present, i);
        match i {
            3 | 4 => out.emit(&[stem, SUBJONCTIF[i]], slot),
            _ => mute
                .iter()
                .for_each(|m| out.emit(&[m, SUBJONCTIF[i]], slot)),
        }
        if is_third_person(i) {
            let endings = ["asse", "asses", "ât", "assions", "assiez", "assent"];
            out.emit(
                &[&ao, endings[i]],
                finite(Mood::Subjunctive, Tense::Imperfect, i),
            );
        }
    }
    if keeps_plain_future {
        emit_future_and_conditional(&mut out, &format!("{stem}er"), &ALL_PERSONS);
    }
    for m in &mute {
        emit_future_and_conditional(&mut out, &format!("{m}er"), &ALL_PERSONS);
    }
    for m in &mute {
        out.emit(&[m, "e"], finite(Mood::Imperative, Tense::Present, 1));
    }
    out.emit(&[&ao, "ons"], finite(Mood::Imperative, Tense::Present, 3));
    out.emit(&[stem, "ez"], finite(Mood::Imperative, Tense::Present, 4));
    out.emit(
        &[&ao, "ant"],
        Slot::bare(Mood::Participle, Tense::PresentParticiple),
    );
    for (index, ending) in ["é", "ée", "és", "ées"].iter().enumerate() {
        out.emit(&[stem, ending], participle_slot(index));
    }
}

fn generate_second(lemma: &str, sink: &mut dyn FnMut(&str, Slot)) {
    let stem = &lemma[..lemma.len() - 2];
    let mut out = Emitter::new(sink, ("", ""));
    let finite = Slot::finite;
    out.emit(&[lemma], Slot::bare(Mood::Infinitive, Tense::None));
    for i in ALL_PERSONS {
        let present = ["is", "is", "it", "issons", "issez", "issent"][i];
        out.emit(
            &[stem, present],
            finite(Mood::Indicative, Tense::Present, i),
        );
        out.emit(
            &[stem, "iss", IMPARFAIT[i]],
            finite(Mood::Indicative, Tense::Imperfect, i),
        );
        let passe = ["is", "is", "it", "îmes", "îtes", "irent"][i];
        out.emit(&[stem, passe], finite(Mood::Indicative, Tense::Past, i));
        out.emit(
            &[stem, "iss", SUBJONCTIF[i]],
            finite(Mood::Subjunctive, Tense::Present, i),
        );
        if is_third_person(i) {
            let imperfect = ["isse", "isses", "ît", "issions", "issiez", "issent"][i];
            out.emit(
                &[stem, imperfect],
                finite(Mood::Subjunctive, Tense::Imperfect, i),
            );
        }
    }
    emit_future_and_conditional(&mut out, lemma, &ALL_PERSONS);
    for (ending, i) in [("is", 1), ("issons", 3), ("issez", 4)] {
        out.emit(&[stem, ending], finite(Mood::Imperative, Tense::Present, i));
    }
    out.emit(
        &[stem, "issant"],
        Slot::bare(Mood::Participle, Tense::PresentParticiple),
    );
    for (index, ending) in ["i", "ie", "is", "ies"].iter().enumerate() {
        out.emit(&[stem, ending], participle_slot(index));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str) -> Vec<(String, Slot)> {
        let mut out = Vec::new();
        conjugate(lemma, &mut |f, s| out.push((f.to_owned(), s))).unwrap();
        out
    }

    fn has(lemma: &str, form: &str, mood: Mood, tense: Tense, person: usize) -> bool {
        let slot = Slot::finite(mood, tense, person);
        forms(lemma).iter().any(|(f, s)| f == form && *s == slot)
    }

    fn has_form(lemma: &str, form: &str) -> bool {
        forms(lemma).iter().any(|(f, _)| f == form)
    }

    #[test]
    fn every_row_of_the_table_conjugates() {
        let table = table().unwrap();
        for row in &table.rows {
            let mut count = 0;
            conjugate(&row.lemma, &mut |_, _| count += 1)
                .unwrap_or_else(|e| panic!("{}: {e}", row.lemma));
            assert!(count > 5, "{} produced {count} forms", row.lemma);
        }
        // Each family also serves a verb that is not listed.
        for family in table.by_family.keys() {
            let lemma = format!("re{family}");
            if table.by_lemma.contains_key(&lemma) {
                continue;
            }
            conjugate(&lemma, &mut |_, _| {}).unwrap_or_else(|e| panic!("{lemma}: {e}"));
        }
    }

    #[test]
    fn listed_family_members_match_plain_derivation() {
        // A "=MODEL" row without overrides must give what the family alone would give; this keeps the listed
        // members honest documentation rather than a second source of truth.
        let table = table().unwrap();
        for row in &table.rows {
            let Kind::Like { model, overrides } = &row.kind else {
                continue;
            };
            if row.etre.is_some() || overrides.cells().iter().any(|c| **c != Cell::Default) {
                continue;
            }
            let mut listed = Vec::new();
            conjugate(&row.lemma, &mut |f, s| listed.push((f.to_owned(), s))).unwrap();
            let i = table.by_lemma[model.as_str()];
            let Model::Full(paradigm) = &table.models[i] else {
                panic!("{model} is not a full row");
            };
            let model_lemma = &table.rows[i].lemma;
            let mut plain = Vec::new();
            generate_full(
                model_lemma,
                paradigm,
                stems(model_lemma, &row.lemma),
                &mut |f, s| plain.push((f.to_owned(), s)),
            )
            .unwrap();
            assert_eq!(listed, plain, "{}", row.lemma);
        }
    }

    #[test]
    fn prendre_and_its_family() {
        assert!(has("prendre", "prîmes", Mood::Indicative, Tense::Past, 3));
        assert!(has(
            "prendre",
            "prendront",
            Mood::Indicative,
            Tense::Future,
            5
        ));
        assert!(has(
            "prendre",
            "prennent",
            Mood::Subjunctive,
            Tense::Present,
            5
        ));
        assert!(has_form("prendre", "prises"));
        assert!(has("reprendre", "reprit", Mood::Indicative, Tense::Past, 2));
        assert!(has(
            "surprendre",
            "surpris",
            Mood::Indicative,
            Tense::Past,
            0
        ));
        let prise = forms("prendre")
            .into_iter()
            .find(|(f, _)| f == "prise")
            .unwrap()
            .1;
        assert_eq!(prise.feminine, Some(true));
        assert_eq!(prise.plural, Some(false));
    }

    #[test]
    fn third_group_spot_checks() {
        assert!(has_form("mettre", "mis"));
        assert!(has(
            "promettre",
            "promettons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has(
            "intervenir",
            "intervint",
            Mood::Indicative,
            Tense::Past,
            2
        ));
        assert!(has(
            "obtenir",
            "obtiendra",
            Mood::Indicative,
            Tense::Future,
            2
        ));
        assert!(has(
            "être",
            "seraient",
            Mood::Conditional,
            Tense::Present,
            5
        ));
        assert!(has("être", "fut", Mood::Indicative, Tense::Past, 2));
        assert!(has("être", "fût", Mood::Subjunctive, Tense::Imperfect, 2));
        assert!(has(
            "envoyer",
            "enverra",
            Mood::Indicative,
            Tense::Future,
            2
        ));
        assert!(has(
            "renvoyer",
            "renverrait",
            Mood::Conditional,
            Tense::Present,
            2
        ));
        assert!(has(
            "contraindre",
            "contraignent",
            Mood::Indicative,
            Tense::Present,
            5
        ));
        assert!(has(
            "atteindre",
            "atteignit",
            Mood::Indicative,
            Tense::Past,
            2
        ));
        assert!(has(
            "inscrire",
            "inscrivons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has(
            "construire",
            "construisit",
            Mood::Indicative,
            Tense::Past,
            2
        ));
        assert!(has(
            "apercevoir",
            "aperçoit",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "disparaître",
            "disparut",
            Mood::Indicative,
            Tense::Past,
            2
        ));
        assert!(has(
            "reconnaître",
            "reconnaissent",
            Mood::Indicative,
            Tense::Present,
            5
        ));
        assert!(has(
            "renaître",
            "renaquit",
            Mood::Indicative,
            Tense::Past,
            2
        ));
        assert!(has_form("élire", "élu"));
        assert!(has_form("devoir", "dû"));
        assert!(has_form("devoir", "dues"));
        assert!(has("haïr", "haïmes", Mood::Indicative, Tense::Past, 3));
        assert!(has("vaincre", "vainquit", Mood::Indicative, Tense::Past, 2));
        assert!(has(
            "conclure",
            "conclut",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has_form("inclure", "incluses"));
        assert!(has_form("dissoudre", "dissoute"));
        assert!(has(
            "asseoir",
            "assoit",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "asseoir",
            "assiérons",
            Mood::Indicative,
            Tense::Future,
            3
        ));
        assert!(has(
            "interdire",
            "interdisez",
            Mood::Indicative,
            Tense::Present,
            4
        ));
        assert!(has("dire", "dites", Mood::Indicative, Tense::Present, 4));
        assert!(has(
            "prévoir",
            "prévoira",
            Mood::Indicative,
            Tense::Future,
            2
        ));
        assert!(has("ouvrir", "ouvre", Mood::Imperative, Tense::Present, 1));
        assert!(has("aller", "aille", Mood::Subjunctive, Tense::Present, 2));
        assert!(has_form("promouvoir", "promu"));
        assert!(has(
            "faire",
            "fassions",
            Mood::Subjunctive,
            Tense::Present,
            3
        ));
        assert!(has(
            "satisfaire",
            "satisfaites",
            Mood::Indicative,
            Tense::Present,
            4
        ));
        assert!(has(
            "résoudre",
            "résolvent",
            Mood::Indicative,
            Tense::Present,
            5
        ));
        assert!(has(
            "interrompre",
            "interrompt",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has_form("défendre", "défendu"));
    }

    #[test]
    fn impersonal_verbs_have_only_the_third_person_singular() {
        let all = forms("falloir");
        assert!(all.iter().any(|(f, _)| f == "faut"));
        assert!(all.iter().any(|(f, _)| f == "faudrait"));
        assert!(all.iter().any(|(f, _)| f == "faille"));
        assert!(all.iter().any(|(f, _)| f == "fallut"));
        assert!(all
            .iter()
            .all(|(_, s)| s.person.is_none() || s.person == Some(3)));
        assert!(!all.iter().any(|(f, _)| f == "fallons"));
    }

    #[test]
    fn first_group_spelling_changes() {
        assert!(has_form("décider", "décidé"));
        assert!(has_form("accuser", "accusée"));
        assert!(has_form("sommer", "sommés"));
        assert!(has(
            "commencer",
            "commençons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has(
            "commencer",
            "commencions",
            Mood::Indicative,
            Tense::Imperfect,
            3
        ));
        assert!(has(
            "commencer",
            "commença",
            Mood::Indicative,
            Tense::Past,
            2
        ));
        assert!(has(
            "menacer",
            "menaçait",
            Mood::Indicative,
            Tense::Imperfect,
            2
        ));
        assert!(has(
            "manger",
            "mangeons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has("manger", "mangèrent", Mood::Indicative, Tense::Past, 5));
        assert!(has(
            "protéger",
            "protège",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has_form("protéger", "protégeant"));
        assert!(has("lever", "lève", Mood::Indicative, Tense::Present, 2));
        assert!(has("lever", "lèvera", Mood::Indicative, Tense::Future, 2));
        assert!(has("lever", "levons", Mood::Indicative, Tense::Present, 3));
        assert!(has("céder", "cède", Mood::Indicative, Tense::Present, 2));
        assert!(has("céder", "cédera", Mood::Indicative, Tense::Future, 2));
        assert!(has("céder", "cèdera", Mood::Indicative, Tense::Future, 2));
        assert!(has("céder", "cédons", Mood::Indicative, Tense::Present, 3));
        assert!(has(
            "appeler",
            "appelle",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "appeler",
            "appellera",
            Mood::Indicative,
            Tense::Future,
            2
        ));
        assert!(has(
            "appeler",
            "appelons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has("jeter", "jettent", Mood::Indicative, Tense::Present, 5));
        assert!(has(
            "rejeter",
            "rejette",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "acheter",
            "achète",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "racheter",
            "rachètera",
            Mood::Indicative,
            Tense::Future,
            2
        ));
        assert!(has("geler", "gèle", Mood::Indicative, Tense::Present, 2));
        assert!(has(
            "employer",
            "emploie",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "employer",
            "emploiera",
            Mood::Indicative,
            Tense::Future,
            2
        ));
        assert!(has(
            "employer",
            "employons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has("payer", "paie", Mood::Indicative, Tense::Present, 2));
        assert!(has("payer", "paye", Mood::Indicative, Tense::Present, 2));
        assert!(has(
            "déléguer",
            "délègue",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has_form("créer", "créée"));
        assert!(has("créer", "crée", Mood::Indicative, Tense::Present, 2));
        assert!(has(
            "interpeller",
            "interpelle",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "exercer",
            "exerce",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "exercer",
            "exerçons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has("tester", "teste", Mood::Indicative, Tense::Present, 2));
        assert!(has_form("arriver", "arrivé"));
    }

    #[test]
    fn second_group_and_family_exceptions() {
        assert!(has(
            "finir",
            "finissons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has(
            "garantir",
            "garantit",
            Mood::Indicative,
            Tense::Present,
            2
        ));
        assert!(has(
            "répartir",
            "répartissons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has(
            "repartir",
            "repartons",
            Mood::Indicative,
            Tense::Present,
            3
        ));
        assert!(has(
            "investir",
            "investissent",
            Mood::Indicative,
            Tense::Present,
            5
        ));
    }

    #[test]
    fn auxiliary_comes_from_the_table() {
        let etre = |lemma: &str| conjugate(lemma, &mut |_, _| {}).unwrap().etre;
        assert!(etre("partir"));
        assert!(etre("arriver"));
        assert!(etre("devenir"));
        assert!(etre("intervenir"));
        assert!(etre("retomber"));
        assert!(!etre("prévenir"));
        assert!(!etre("obtenir"));
        assert!(!etre("accuser"));
    }

    #[test]
    fn unknown_endings_are_errors() {
        assert!(conjugate("xyzzy", &mut |_, _| {}).is_err());
        assert!(conjugate("er", &mut |_, _| {}).is_err());
    }
}
