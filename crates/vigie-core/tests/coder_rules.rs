//! The coder's role and modality rules on a small pattern set of their own, independent of the
//! dictionaries: each case names the phenomenon it guards.

use std::sync::OnceLock;

use vigie_core::coder::ontology::Ontology;
use vigie_core::coder::patterns::PatternSet;
use vigie_core::coder::{code_document, Coder, Modality};
use vigie_core::{AnalyzeOptions, Document, Lang, Pipeline};

const FR_PATTERNS: &str = "\
V:arrêter\tCOERCE\tarrest\t-\t173\tobj\tLa police a arrêté un Français. [-]
V:accuser\tACCUSE\tallege\t-\t112\tobj\tParis a accusé Bamako. [FRA>MLI]
V:déclarer persona non grata\tSANCTION\texpel\t-\t166\tobj\tParis a déclaré persona non grata deux diplomates maliens. [FRA>MLI]
V:sommer de quitter\tSANCTION\texpel\t-\t166\tobj\tBamako a sommé les diplomates français de quitter le pays. [MLI>FRA]
V:prévenir\tTHREATEN\t-\t-\t13\tobj\tParis prévient le Mali. [FRA>MLI]
V:rencontrer\tCONSULT\t-\t-\t040\tobj\tLa France a rencontré le Mali. [FRA>MLI]
V:soutenir\tSUPPORT\t-\t-\t051\tobj\tLa France soutient le Mali. [FRA>MLI]
V:libérer\tRETREAT\trelease\t-\t0841\tobj\tLe Mali a libéré un Français. [MLI>FRA]
N:arrestation|arrestations\tCOERCE\tarrest\t-\t173\tprep:de\tL'arrestation d'un Français par le Mali. [MLI>FRA]
N:fin de coopération\tSANCTION\tdiscontinue\t-\t1622\tprep:avec\tLa France annonce la fin de la coopération avec le Mali. [FRA>MLI]
V:expulser\tSANCTION\texpel\t-\t166\tobj\tLe Mali a expulsé un diplomate français. [MLI>FRA]
V:suspendre coopération\tSANCTION\tdiscontinue\t-\t1622\tprep:avec\tLe Niger a suspendu sa coopération avec le Bénin. [NER>BEN]
V:faire grève\tPROTEST\tstrike\t-\t143\tnone\tLes dockers sénégalais ont fait grève. [SEN>-]
V:menacer de faire grève\tTHREATEN\trestrict\t-\t133\tnone\tLes dockers sénégalais menacent de faire grève. [SEN>-]
";

const EN_PATTERNS: &str = "\
V:expel\tSANCTION\texpel\t-\t166\tobj\tChile expelled a Bolivian diplomat. [CHL>BOL]
V:suspend talks with\tSANCTION\twithdraw\t-\t164\tprep:with\tThe EU suspended talks with Peru. [IGO>PER]
V:impose tariffs\tSANCTION\t-\teconomic\t163\tprep:on\tBrazil imposed tariffs on Argentina. [BRA>ARG]
V:go on strike\tPROTEST\tstrike\t-\t143\tnone\tChilean miners went on strike. [CHL>-]
V:threaten to strike\tTHREATEN\trestrict\t-\t133\tnone\tChilean miners threatened to strike. [CHL>-]
V:arrest\tCOERCE\tarrest\t-\t173\tobj\tThe Kenyan police arrested a Ugandan journalist. [KEN>UGA]
V:meet\tCONSULT\t-\t-\t040\tobj\tGhana met Togo. [GHA>TGO]
";

struct Fixture {
    pipeline: Pipeline,
    fr: Coder,
    en: Coder,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let ontology = Ontology::embedded().expect("ontology");
        let coder = |lang: Lang, patterns: &str| {
            let patterns = PatternSet::parse(
                lang,
                "test",
                patterns.replace(" [-]", " [->-]").leak(),
                &ontology,
            )
            .expect("test patterns");
            Coder::new(
                lang,
                patterns,
                &vigie_core::grammar::Grammar::embedded(lang).expect("grammar"),
            )
        };
        Fixture {
            pipeline: Pipeline::new().expect("pipeline"),
            fr: coder(Lang::Fr, FR_PATTERNS),
            en: coder(Lang::En, EN_PATTERNS),
        }
    })
}

/// Codes a French text and returns (type, actor codes, recipient codes, modality) per event.
fn code(text: &str) -> Vec<(String, String, String, Modality)> {
    code_in(Lang::Fr, text)
}

/// Codes an English text, as [`code`] does a French one.
fn code_en(text: &str) -> Vec<(String, String, String, Modality)> {
    code_in(Lang::En, text)
}

fn code_in(lang: Lang, text: &str) -> Vec<(String, String, String, Modality)> {
    let f = fixture();
    let doc = Document {
        text: text.to_string(),
        date: Some(jiff::civil::date(2025, 9, 16)),
        lang: Some(lang),
        ..Document::default()
    };
    let analysis = f.pipeline.analyze(&doc, AnalyzeOptions::default());
    let coder = match lang {
        Lang::Fr => &f.fr,
        Lang::En => &f.en,
    };
    let coding = code_document(&analysis, coder, &f.pipeline.resources(lang).grammar);
    let codes = |side: &[vigie_core::coder::Participant]| {
        side.iter()
            .filter_map(|p| p.mention.code.map(|c| c.to_string()))
            .collect::<Vec<_>>()
            .join("+")
    };
    coding
        .events
        .iter()
        .map(|e| {
            (
                e.event.to_string(),
                codes(&e.actor),
                codes(&e.recipient),
                e.modality,
            )
        })
        .collect()
}

fn has(events: &[(String, String, String, Modality)], t: &str, a: &str, r: &str) -> bool {
    events
        .iter()
        .any(|(et, ea, er, _)| et == t && ea == a && er == r)
}

#[test]
fn subject_and_object_of_an_active_verb() {
    let e = code("La junte malienne a arrêté un diplomate français.");
    assert!(has(&e, "COERCE", "MLI", "FRA"), "{e:?}");
}

#[test]
fn passive_with_agent_never_swaps_roles() {
    let e = code("Un diplomate français a été arrêté par la junte malienne.");
    assert!(has(&e, "COERCE", "MLI", "FRA"), "{e:?}");
}

#[test]
fn participle_used_as_adjective_with_agent() {
    let e =
        code("Le Mali détient un diplomate français accusé d'espionnage par la junte malienne.");
    assert!(has(&e, "ACCUSE", "MLI", "FRA"), "{e:?}");
}

#[test]
fn gerund_takes_the_subject_of_its_governing_verb() {
    let e =
        code("Paris a décidé de riposter en déclarant persona non grata deux diplomates maliens.");
    assert!(has(&e, "SANCTION", "FRA", "MLI"), "{e:?}");
}

#[test]
fn pronoun_subject_points_to_the_previous_subject() {
    let e = code("La France ne s'arrête pas là. Elle annonce la fin de toute coopération antiterroriste avec Bamako.");
    assert!(has(&e, "SANCTION", "FRA", "MLI"), "{e:?}");
}

#[test]
fn arrest_without_actor_is_made_by_the_host_state() {
    let e = code("En réaction à l'arrestation, le mois dernier à Bamako, d'un diplomate français, Paris a riposté.");
    assert!(has(&e, "COERCE", "MLI", "FRA"), "{e:?}");
}

#[test]
fn reported_speech_source_is_not_the_actor_and_marks_reported() {
    let e = code("Une source sécuritaire affirme que Bamako a sommé plusieurs diplomates français de quitter le territoire.");
    assert!(
        e.iter().any(|(t, a, r, m)| t == "SANCTION"
            && a == "MLI"
            && r == "FRA"
            && *m == Modality::Reported),
        "{e:?}"
    );
}

#[test]
fn relative_clause_subject_is_its_antecedent() {
    let e = code("Le Mali, qui accuse la France, a libéré un diplomate français.");
    assert!(has(&e, "RETREAT", "MLI", "FRA"), "{e:?}");
    assert!(has(&e, "ACCUSE", "MLI", "FRA"), "{e:?}");
}

#[test]
fn coordinated_subjects_make_a_compound_actor() {
    let e = code("La France et l'Allemagne ont rencontré le Mali.");
    assert!(has(&e, "CONSULT", "FRA+DEU", "MLI"), "{e:?}");
}

#[test]
fn conditional_mood_is_alleged_and_negation_is_negated() {
    let e = code("La junte aurait arrêté un diplomate français. Le Mali n'a pas libéré le diplomate français.");
    assert!(
        e.iter()
            .any(|(t, _, _, m)| t == "COERCE" && *m == Modality::Alleged),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|(t, _, _, m)| t == "RETREAT" && *m == Modality::Negated),
        "{e:?}"
    );
}

#[test]
fn condition_is_hypothetical() {
    let e = code("Paris prendra des mesures si le Mali n'arrête pas les diplomates français.");
    assert!(
        e.iter()
            .any(|(t, _, _, m)| t == "COERCE" && *m == Modality::Hypothetical),
        "{e:?}"
    );
}

#[test]
fn future_cooperation_is_coded_agree() {
    let e = code("La France soutiendra le Mali.");
    assert!(has(&e, "AGREE", "FRA", "MLI"), "{e:?}");
}

#[test]
fn the_same_event_twice_is_one_record() {
    let e = code("La junte malienne a arrêté un diplomate français. Un diplomate français a été arrêté par la junte malienne.");
    assert_eq!(e.iter().filter(|(t, ..)| t == "COERCE").count(), 1, "{e:?}");
}

#[test]
fn reaction_to_what_was_just_told_is_aimed_at_the_previous_subject() {
    let e = code("Le Mali a libéré un Français. La France soutient cette décision.");
    assert!(has(&e, "SUPPORT", "FRA", "MLI"), "{e:?}");
}

#[test]
fn subject_naming_no_actor_stands_for_its_possessor() {
    let e = code("Le chef de la sécurité de Bamako a arrêté un Français.");
    assert!(has(&e, "COERCE", "MLI", "FRA"), "{e:?}");
}

#[test]
fn conflictual_act_under_a_condition_is_a_threat() {
    let e = code_en("The EU may suspend talks with Peru if the crackdown continues.");
    assert!(has(&e, "THREATEN", "IGO", "PER"), "{e:?}");
    let e = code_en("Chile will expel Bolivian diplomats unless La Paz apologises.");
    assert!(has(&e, "THREATEN", "CHL", "BOL"), "{e:?}");
    let e = code_en("If Argentina keeps its export ban, Brazil could impose tariffs on Argentina.");
    assert!(has(&e, "THREATEN", "BRA", "ARG"), "{e:?}");
    let e = code("Le Niger pourrait suspendre sa coopération avec le Bénin si Cotonou maintient sa décision.");
    assert!(has(&e, "THREATEN", "NER", "BEN"), "{e:?}");
    let e = code(
        "Le Mali expulsera les diplomates français à moins que Paris ne présente des excuses.",
    );
    assert!(has(&e, "THREATEN", "MLI", "FRA"), "{e:?}");
}

#[test]
fn a_condition_that_is_no_condition_makes_no_threat() {
    // A concession, an indirect question and a past act are no threats.
    let e = code_en("Chile expelled Bolivian diplomats even if La Paz protested.");
    assert!(has(&e, "SANCTION", "CHL", "BOL"), "{e:?}");
    let e = code("Le Mali a expulsé les diplomates français même si Paris a protesté.");
    assert!(has(&e, "SANCTION", "MLI", "FRA"), "{e:?}");
    let e =
        code_en("Chile expelled Bolivian diplomats after officials asked if La Paz would protest.");
    assert!(!e.iter().any(|(t, ..)| t == "THREATEN"), "{e:?}");
    // A cooperative act under a condition stays what it is.
    let e = code_en("Ghana will meet Togo if the talks resume.");
    assert!(!e.iter().any(|(t, ..)| t == "THREATEN"), "{e:?}");
}

#[test]
fn a_threat_is_aimed_at_the_subject_of_its_condition() {
    let e = code_en("Chilean miners threatened to strike unless Bolivia reopened the border.");
    assert!(has(&e, "THREATEN", "CHL", "BOL"), "{e:?}");
    let e = code_en("Chilean miners will go on strike unless Bolivia reopens the border.");
    assert!(has(&e, "THREATEN", "CHL", "BOL"), "{e:?}");
    let e = code(
        "Les dockers sénégalais menacent de faire grève si la Gambie ne rouvre pas la frontière.",
    );
    assert!(has(&e, "THREATEN", "SEN", "GMB"), "{e:?}");
    // The actor is not its own target: "unless they are paid" names no one else.
    let e = code_en("Chilean miners threatened to strike unless Chile paid them.");
    assert!(
        !e.iter().any(|(t, a, r, _)| t == "THREATEN" && a == r),
        "{e:?}"
    );
}

#[test]
fn an_obligation_laid_on_another_actor_is_a_demand() {
    // The act that must be done is no event of the patterns.
    let e = code_en("Kenya said on Friday that Uganda must dismantle the checkpoints.");
    assert!(has(&e, "REQUEST", "KEN", "UGA"), "{e:?}");
    let e = code_en("Ghana said that Togo has to pay the fines.");
    assert!(has(&e, "REQUEST", "GHA", "TGO"), "{e:?}");
    let e = code("Dakar a déclaré mardi que la Gambie devait rouvrir la frontière.");
    assert!(has(&e, "REQUEST", "SEN", "GMB"), "{e:?}");
    // A pronoun after an addressee stands for the one addressed.
    let e = code_en("Kenya told Uganda that it must dismantle the checkpoints.");
    assert!(has(&e, "REQUEST", "KEN", "UGA"), "{e:?}");
    // A verb with a noun of speech reports too, and the obliged act may be a pattern of its own.
    let e = code_en("Ghana sent a firm reminder on Monday to Togo that it must meet Benin.");
    assert!(has(&e, "REQUEST", "GHA", "TGO"), "{e:?}");
    let e = code_en("Kenya issued a reminder to Uganda that it must dismantle the checkpoints.");
    assert!(has(&e, "REQUEST", "KEN", "UGA"), "{e:?}");
    let e = code("Dakar a adressé mardi un rappel ferme : la Gambie devait payer les amendes.");
    assert!(has(&e, "REQUEST", "SEN", "GMB"), "{e:?}");
}

#[test]
fn an_obligation_without_another_actor_is_no_demand() {
    let e = code_en("Kenya said it must protect its borders.");
    assert!(!e.iter().any(|(t, ..)| t == "REQUEST"), "{e:?}");
    let e = code_en("Uganda must dismantle the checkpoints.");
    assert!(!e.iter().any(|(t, ..)| t == "REQUEST"), "{e:?}");
    let e = code("Le Sénégal a déclaré qu'il devait protéger ses frontières.");
    assert!(!e.iter().any(|(t, ..)| t == "REQUEST"), "{e:?}");
}

#[test]
fn rebels_acting_on_their_own_state_keep_it_as_recipient() {
    // A guessed official of the actor's own country is a misreading only for a state acting.
    let e = code("Les rebelles maliens ont libéré le Premier ministre.");
    assert!(has(&e, "RETREAT", "MLI", "MLI"), "{e:?}");
    let e = code_en("The Kenyan police arrested the minister.");
    assert!(has(&e, "COERCE", "KEN", "KEN"), "{e:?}");
}

#[test]
fn an_infinitive_takes_the_object_as_subject_only_after_verbs_that_hand_it_over() {
    // "asked X to": the object acts; "made X an offer to": the subject does.
    let e = code_en("Brazil asked Argentina to expel a Bolivian diplomat.");
    assert!(has(&e, "SANCTION", "ARG", "BOL"), "{e:?}");
    let e = code_en("Chile made Peru a generous offer to meet Bolivia.");
    assert!(has(&e, "CONSULT", "CHL", "BOL"), "{e:?}");
}

#[test]
fn place_named_in_an_attribution_does_not_host_the_event() {
    let e = code("Un journaliste français a été arrêté samedi, selon des sources à Dakar.");
    assert!(has(&e, "COERCE", "", "FRA"), "{e:?}");
    let e = code("Un journaliste français a été arrêté samedi à Dakar.");
    assert!(has(&e, "COERCE", "SEN", "FRA"), "{e:?}");
}

#[test]
fn possessor_of_the_object_is_reached_past_a_date() {
    let e =
        code("La France soutient mardi la dernière proposition de paix du gouvernement malien.");
    assert!(has(&e, "SUPPORT", "FRA", "MLI"), "{e:?}");
}

#[test]
fn en_tant_que_opens_no_dependent_clause() {
    let e = code("La France a rencontré le Mali en tant que médiateur mais soutient le Niger, selon un diplomate.");
    assert!(has(&e, "CONSULT", "FRA", "MLI"), "{e:?}");
    assert!(has(&e, "SUPPORT", "FRA", "NER"), "{e:?}");
}

#[test]
fn continuer_de_lends_its_tense_to_the_infinitive_event() {
    let e = code(
        "La France a rencontré le Mali mais continuait de soutenir le Niger, selon un diplomate.",
    );
    assert!(has(&e, "SUPPORT", "FRA", "NER"), "{e:?}");
}
