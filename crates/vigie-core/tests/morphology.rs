//! Tests of the morphology stage through its public API: verb-group fixtures (tests/fixtures/morphology),
//! conjugation spot checks, lexicon build time and robustness of the verb-group analysis.

// The tests sit in a module named after the stage so that `cargo test morphology` selects them.
mod morphology {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use vigie_core::morphology::{
        conjugate, verb_groups, Lang, Mood, Tense, VerbAnalysis, VerbGroup, VerbLexicon,
    };

    const FR_FIXTURES: &str = include_str!("fixtures/morphology/fr.tsv");
    const EN_FIXTURES: &str = include_str!("fixtures/morphology/en.tsv");

    /// Verbs added to the fixture lemmas so that the lexicon, like a real dictionary's, also knows verbs whose forms
    /// are common nouns ("combats", "forces", "parties", "sanctions").
    const FR_EXTRA: &[&str] = &[
        "combattre",
        "partir",
        "armer",
        "manifester",
        "mesurer",
        "présider",
        "cesser",
        "attaquer",
        "sanctionner",
        "viser",
        "agir",
        "négocier",
        "prêter",
        "disperser",
        "affronter",
        "contraindre",
        "entrer",
        "vaincre",
        "suivre",
        "se rendre",
    ];
    const EN_EXTRA: &[&str] = &[
        "attack", "sanction", "talk", "protest", "strike", "plan", "force", "report", "effect",
        "people", "result", "deal", "will", "accord", "term", "measure", "custody", "return",
        "home", "spy",
    ];

    #[derive(Debug)]
    struct Expected {
        voice: String,
        tense: String,
        mood: String,
        negated: bool,
        modal: Option<String>,
        flags: BTreeSet<String>,
        span: String,
    }

    #[derive(Debug)]
    struct Case {
        line: usize,
        sentence: String,
        lemma: String,
        /// `None`: no group may have this lemma.
        expected: Option<Expected>,
    }

    fn parse_fixtures(text: &str) -> Vec<Case> {
        let mut cases = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 9, "line {}: expected 9 columns", index + 1);
            let expected = (fields[2] != "none").then(|| Expected {
                voice: fields[2].to_owned(),
                tense: fields[3].to_owned(),
                mood: fields[4].to_owned(),
                negated: match fields[5] {
                    "yes" => true,
                    "no" => false,
                    other => panic!(
                        "line {}: negated must be yes or no, not {other:?}",
                        index + 1
                    ),
                },
                modal: (fields[6] != "-").then(|| fields[6].to_owned()),
                flags: fields[7]
                    .split(',')
                    .filter(|f| *f != "-")
                    .map(str::to_owned)
                    .collect(),
                span: fields[8].to_owned(),
            });
            cases.push(Case {
                line: index + 1,
                sentence: fields[0].to_owned(),
                lemma: fields[1].to_owned(),
                expected,
            });
        }
        cases
    }

    fn flags(group: &VerbGroup) -> BTreeSet<String> {
        [
            ("participle_adjective", group.participle_adjective),
            ("infinitive", group.infinitive),
            ("reflexive", group.reflexive),
        ]
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| name.to_owned())
        .collect()
    }

    fn describe(tokens: &[&str], group: &VerbGroup) -> String {
        format!(
            "{} [{}] {} {} {} negated={} modal={:?} flags={:?}",
            group.lemma,
            tokens[group.tokens.clone()].join(" "),
            group.voice.as_str(),
            group.tense.as_str(),
            group.mood.as_str(),
            group.negated,
            group.modal,
            flags(group)
        )
    }

    /// Checks every fixture and reports all mismatches at once.
    fn check_fixtures(lang: Lang, text: &str, extra: &[&str], minimum: usize) {
        let cases = parse_fixtures(text);
        assert!(
            cases.len() >= minimum,
            "{lang}: only {} fixtures",
            cases.len()
        );
        let lemmas: BTreeSet<&str> = cases
            .iter()
            .map(|c| c.lemma.as_str())
            .chain(extra.iter().copied())
            .collect();
        let lexicon = VerbLexicon::new(lang, &lemmas).expect("fixture lemmas conjugate");
        let mut failures = Vec::new();
        for case in &cases {
            let tokens: Vec<&str> = case.sentence.split(' ').collect();
            let groups = verb_groups(lang, &tokens, &lexicon);
            let all = || {
                groups
                    .iter()
                    .map(|g| describe(&tokens, g))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let found = groups.iter().find(|g| *g.lemma == *case.lemma);
            match (&case.expected, found) {
                (None, None) => {}
                (None, Some(group)) => failures.push(format!(
                    "line {}: {:?}: no group expected for {}, found {}",
                    case.line,
                    case.sentence,
                    case.lemma,
                    describe(&tokens, group)
                )),
                (Some(_), None) => failures.push(format!(
                    "line {}: {:?}: no group for {}; groups: {}",
                    case.line,
                    case.sentence,
                    case.lemma,
                    all()
                )),
                (Some(expected), Some(group)) => {
                    let span = tokens[group.tokens.clone()].join(" ");
                    let ok = group.voice.as_str() == expected.voice
                        && group.tense.as_str() == expected.tense
                        && group.mood.as_str() == expected.mood
                        && group.negated == expected.negated
                        && group.modal.as_deref() == expected.modal.as_deref()
                        && flags(group) == expected.flags
                        && span == expected.span
                        && !tokens[group.head].is_empty()
                        && group.tokens.contains(&group.head);
                    if !ok {
                        failures.push(format!(
                        "line {}: {:?}: expected {} [{}] {} {} {} negated={} modal={:?} flags={:?}, found {}",
                        case.line,
                        case.sentence,
                        case.lemma,
                        expected.span,
                        expected.voice,
                        expected.tense,
                        expected.mood,
                        expected.negated,
                        expected.modal,
                        expected.flags,
                        describe(&tokens, group)
                    ));
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} {lang} fixtures failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn french_verb_group_fixtures() {
        check_fixtures(Lang::Fr, FR_FIXTURES, FR_EXTRA, 40);
    }

    #[test]
    fn english_verb_group_fixtures() {
        check_fixtures(Lang::En, EN_FIXTURES, EN_EXTRA, 30);
    }

    fn forms_of(lang: Lang, lemma: &str) -> Vec<(String, VerbAnalysis)> {
        conjugate(lang, lemma).unwrap_or_else(|e| panic!("{lemma}: {e}"))
    }

    fn has_form(lang: Lang, lemma: &str, form: &str) -> bool {
        forms_of(lang, lemma).iter().any(|(f, _)| f == form)
    }

    fn has_reading(lang: Lang, lemma: &str, form: &str, mood: Mood, tense: Tense) -> bool {
        let plain = lemma.strip_prefix("se ").unwrap_or(lemma);
        forms_of(lang, lemma)
            .iter()
            .any(|(f, a)| f == form && a.mood == mood && a.tense == tense && &*a.lemma == plain)
    }

    #[test]
    fn french_conjugation_spot_checks() {
        let fr = Lang::Fr;
        for form in ["pris", "prise", "prises"] {
            assert!(
                has_reading(fr, "prendre", form, Mood::Participle, Tense::PastParticiple),
                "{form}"
            );
        }
        assert!(has_reading(
            fr,
            "prendre",
            "prîmes",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_reading(
            fr,
            "prendre",
            "prendront",
            Mood::Indicative,
            Tense::Future
        ));
        assert!(has_reading(
            fr,
            "mettre",
            "mis",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            fr,
            "décider",
            "décidé",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            fr,
            "accuser",
            "accusée",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            fr,
            "sommer",
            "sommés",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            fr,
            "envoyer",
            "enverra",
            Mood::Indicative,
            Tense::Future
        ));
        assert!(has_reading(
            fr,
            "être",
            "seraient",
            Mood::Conditional,
            Tense::Present
        ));
        assert!(has_reading(
            fr,
            "être",
            "fut",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_reading(
            fr,
            "intervenir",
            "intervenu",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            fr,
            "obtenir",
            "obtiennent",
            Mood::Indicative,
            Tense::Present
        ));
        assert!(has_reading(
            fr,
            "promettre",
            "promis",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            fr,
            "reprendre",
            "reprenons",
            Mood::Indicative,
            Tense::Present
        ));
        assert!(has_reading(
            fr,
            "finir",
            "finissons",
            Mood::Indicative,
            Tense::Present
        ));
        assert!(has_reading(
            fr,
            "lever",
            "lève",
            Mood::Indicative,
            Tense::Present
        ));
        assert!(has_reading(
            fr,
            "appeler",
            "appelle",
            Mood::Indicative,
            Tense::Present
        ));
        assert!(has_reading(
            fr,
            "commencer",
            "commençait",
            Mood::Indicative,
            Tense::Imperfect
        ));
        assert!(has_reading(
            fr,
            "se retirer",
            "retiré",
            Mood::Participle,
            Tense::PastParticiple
        ));
        let accusee = forms_of(fr, "accuser")
            .into_iter()
            .find(|(f, _)| f == "accusée")
            .unwrap()
            .1;
        assert_eq!(
            (accusee.feminine, accusee.plural),
            (Some(true), Some(false))
        );
        let seraient = forms_of(fr, "être")
            .into_iter()
            .find(|(f, _)| f == "seraient")
            .unwrap()
            .1;
        assert_eq!((seraient.person, seraient.plural), (Some(3), Some(true)));
    }

    #[test]
    fn english_conjugation_spot_checks() {
        let en = Lang::En;
        assert!(has_reading(
            en,
            "take",
            "took",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_reading(
            en,
            "take",
            "taken",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            en,
            "seek",
            "sought",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_reading(
            en,
            "ban",
            "banned",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_reading(
            en,
            "visit",
            "visited",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_reading(
            en,
            "accuse",
            "accused",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            en,
            "try",
            "tried",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_reading(
            en,
            "withdraw",
            "withdrawn",
            Mood::Participle,
            Tense::PastParticiple
        ));
        assert!(has_reading(
            en,
            "undertake",
            "undertook",
            Mood::Indicative,
            Tense::Past
        ));
        assert!(has_form(en, "target", "targeted"));
        assert!(has_form(en, "open", "opened"));
        assert!(has_form(en, "stop", "stopped"));
        assert!(has_form(en, "plan", "planned"));
        assert!(!has_form(en, "visit", "visitted"));
    }

    #[test]
    fn lexicon_analyses_are_hash_lookups_with_an_accent_fallback() {
        let lex = VerbLexicon::new(Lang::Fr, ["décider", "élire"]).unwrap();
        assert!(lex.analyze("décidé").iter().any(|a| &*a.lemma == "décider"));
        assert!(lex.analyze("decide").iter().any(|a| &*a.lemma == "décider"));
        assert!(lex.analyze("elu").iter().any(|a| &*a.lemma == "élire"));
        assert!(lex.analyze("etaient").iter().any(|a| &*a.lemma == "être"));
        assert!(lex.analyze("accord").is_empty());
        assert!(lex.is_known_lemma("élire"));
        assert!(lex.is_known_lemma("devoir"));
    }

    /// About 800 plausible lemmas: real verbs and prefixed variants that the regular rules or the table's families
    /// conjugate.
    fn many_lemmas(lang: Lang) -> Vec<String> {
        let (bases, prefixes): (&[&str], &[&str]) = match lang {
            Lang::Fr => (
                &[
                    "signer",
                    "annoncer",
                    "accuser",
                    "attaquer",
                    "bombarder",
                    "condamner",
                    "décider",
                    "déclarer",
                    "dénoncer",
                    "expulser",
                    "imposer",
                    "lancer",
                    "menacer",
                    "négocier",
                    "ordonner",
                    "protester",
                    "rappeler",
                    "rejeter",
                    "soutenir",
                    "tuer",
                    "venir",
                    "prendre",
                    "mettre",
                    "tenir",
                    "faire",
                    "mener",
                    "voir",
                    "écrire",
                    "conduire",
                    "craindre",
                    "peindre",
                    "joindre",
                    "finir",
                    "garantir",
                    "céder",
                    "lever",
                    "acheter",
                    "appeler",
                    "jeter",
                    "employer",
                    "payer",
                    "envoyer",
                    "ouvrir",
                    "courir",
                    "partir",
                    "servir",
                    "sentir",
                    "battre",
                    "suivre",
                    "vivre",
                    "rendre",
                    "répondre",
                    "perdre",
                    "mordre",
                    "rompre",
                    "recevoir",
                    "valoir",
                    "mouvoir",
                    "connaître",
                    "paraître",
                    "exclure",
                    "lire",
                    "rire",
                    "plaire",
                    "traire",
                    "dormir",
                    "mentir",
                    "fuir",
                    "vêtir",
                    "clore",
                    "quérir",
                    "cueillir",
                    "aillir",
                    "soudre",
                    "naître",
                    "croître",
                    "vaincre",
                    "asseoir",
                    "arrêter",
                    "libérer",
                    "blesser",
                    "frapper",
                    "viser",
                    "tirer",
                    "cibler",
                    "saisir",
                    "investir",
                    "bâtir",
                    "armer",
                    "aider",
                    "appuyer",
                    "nettoyer",
                    "protéger",
                    "exiger",
                    "placer",
                    "manger",
                    "créer",
                    "étudier",
                    "livrer",
                    "garder",
                ],
                &["", "re", "dé", "pré", "sur", "contre", "entre", "sous"],
            ),
            Lang::En => (
                &[
                    "sign",
                    "announce",
                    "accuse",
                    "attack",
                    "bomb",
                    "condemn",
                    "decide",
                    "declare",
                    "denounce",
                    "expel",
                    "impose",
                    "launch",
                    "threaten",
                    "negotiate",
                    "order",
                    "protest",
                    "recall",
                    "reject",
                    "support",
                    "kill",
                    "come",
                    "take",
                    "put",
                    "hold",
                    "make",
                    "say",
                    "see",
                    "write",
                    "lead",
                    "fear",
                    "paint",
                    "join",
                    "finish",
                    "guarantee",
                    "cede",
                    "raise",
                    "buy",
                    "call",
                    "throw",
                    "employ",
                    "pay",
                    "send",
                    "open",
                    "run",
                    "leave",
                    "serve",
                    "feel",
                    "beat",
                    "follow",
                    "live",
                    "return",
                    "answer",
                    "lose",
                    "bite",
                    "break",
                    "receive",
                    "be",
                    "move",
                    "know",
                    "appear",
                    "exclude",
                    "read",
                    "laugh",
                    "please",
                    "milk",
                    "sleep",
                    "lie",
                    "flee",
                    "dress",
                    "close",
                    "seek",
                    "gather",
                    "assault",
                    "dissolve",
                    "bear",
                    "grow",
                    "defeat",
                    "sit",
                    "arrest",
                    "release",
                    "wound",
                    "strike",
                    "target",
                    "shoot",
                    "aim",
                    "seize",
                    "invest",
                    "build",
                    "arm",
                    "help",
                    "back",
                    "clean",
                    "protect",
                    "demand",
                    "place",
                    "eat",
                    "create",
                    "study",
                    "deliver",
                    "guard",
                ],
                &["", "re", "de", "pre", "over", "counter", "inter", "under"],
            ),
        };
        prefixes
            .iter()
            .flat_map(|p| bases.iter().map(move |b| format!("{p}{b}")))
            .collect()
    }

    /// Building a lexicon of many lemmas conjugates them all (its speed is measured by the benchmarks,
    /// not asserted here).
    #[test]
    fn a_lexicon_of_800_lemmas_conjugates_every_lemma() {
        for lang in [Lang::Fr, Lang::En] {
            let lemmas = many_lemmas(lang);
            assert!(lemmas.len() >= 800);
            let (lexicon, errors) = VerbLexicon::new_lenient(lang, &lemmas);
            assert!(errors.is_empty(), "{lang}: {errors:?}");
            assert!(lemmas.iter().all(|l| lexicon.is_known_lemma(l)), "{lang}");
        }
    }

    /// Repeating a sentence repeats its groups exactly: the analysis carries no state across sentences
    /// and does not rescan earlier tokens.
    #[test]
    fn verb_groups_scale_with_the_number_of_tokens() {
        let lexicon =
            VerbLexicon::new(Lang::Fr, ["signer", "accuser", "menacer", "retirer"]).unwrap();
        let sentence = "le mali n' a pas signé l' accord mais les rebelles se sont retirés et menacent de le faire .";
        let base: Vec<&str> = sentence.split(' ').collect();
        let groups = |copies: usize| {
            let tokens: Vec<&str> = base
                .iter()
                .copied()
                .cycle()
                .take(base.len() * copies)
                .collect();
            verb_groups(Lang::Fr, &tokens, &lexicon).len()
        };
        assert_eq!(groups(2000), 4 * groups(500));
    }

    fn vocabulary(lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Fr => &[
                "ne",
                "n'",
                "pas",
                "plus",
                "jamais",
                "que",
                "se",
                "s'",
                "l'",
                "la",
                "les",
                "le",
                "leur",
                "en",
                "y",
                "a",
                "ont",
                "est",
                "sont",
                "été",
                "sera",
                "aurait",
                "pourraient",
                "doit",
                "va",
                "vient",
                "de",
                "d'",
                "être",
                "avoir",
                "signé",
                "signer",
                "signe",
                "accusé",
                "accusés",
                "menace",
                "retiré",
                "parti",
                "t",
                "il",
                "nous",
                "vous",
                ",",
                ".",
                "train",
                "également",
                "rapidement",
                "peut",
                "des",
                "un",
                "à",
            ],
            Lang::En => &[
                "not", "n't", "never", "no", "longer", "to", "the", "a", "is", "was", "has",
                "have", "had", "been", "being", "be", "will", "would", "could", "ca", "wo",
                "cannot", "'s", "'d", "did", "do", "going", "signed", "sign", "signing",
                "expelled", "expel", "by", "last", "week", "he", "they", "also", ",", ".", "got",
                "ought", "of",
            ],
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Whatever the tokens, groups are in order, do not overlap and contain their head.
        #[test]
        fn verb_groups_are_ordered_and_disjoint(
            picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..40),
            french in any::<bool>(),
        ) {
            let lang = if french { Lang::Fr } else { Lang::En };
            let lemmas: &[&str] = if french { &["signer", "accuser", "menacer", "retirer", "partir"] } else { &["sign", "expel"] };
            let lexicon = VerbLexicon::new(lang, lemmas).unwrap();
            let vocabulary = vocabulary(lang);
            let tokens: Vec<&str> = picks.iter().map(|i| vocabulary[i.index(vocabulary.len())]).collect();
            let groups = verb_groups(lang, &tokens, &lexicon);
            let mut end = 0;
            for group in &groups {
                prop_assert!(group.tokens.start >= end);
                prop_assert!(group.tokens.start < group.tokens.end);
                prop_assert!(group.tokens.end <= tokens.len());
                prop_assert!(group.tokens.contains(&group.head));
                prop_assert!(lexicon.is_known_lemma(&group.lemma));
                end = group.tokens.end;
            }
        }
    }
}
