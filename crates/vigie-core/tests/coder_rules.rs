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
";

struct Fixture {
    pipeline: Pipeline,
    coder: Coder,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let ontology = Ontology::embedded().expect("ontology");
        let patterns = PatternSet::parse(
            Lang::Fr,
            "test",
            FR_PATTERNS.replace(" [-]", " [->-]").leak(),
            &ontology,
        )
        .expect("test patterns");
        Fixture {
            pipeline: Pipeline::new().expect("pipeline"),
            coder: Coder::new(
                Lang::Fr,
                patterns,
                &vigie_core::grammar::Grammar::embedded(Lang::Fr).expect("grammar"),
            ),
        }
    })
}

/// Codes a French text and returns (type, actor codes, recipient codes, modality) per event.
fn code(text: &str) -> Vec<(String, String, String, Modality)> {
    let f = fixture();
    let doc = Document {
        text: text.to_string(),
        date: Some(jiff::civil::date(2025, 9, 16)),
        lang: Some(Lang::Fr),
        ..Document::default()
    };
    let analysis = f.pipeline.analyze(&doc, AnalyzeOptions::default());
    let coding = code_document(&analysis, &f.coder, &f.pipeline.resources(Lang::Fr).grammar);
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
