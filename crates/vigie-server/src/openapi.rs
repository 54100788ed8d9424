//! The OpenAPI 3.0 description of every route, served at `/api/openapi.json`. The dashboard's pages and
//! files are described too (as HTML, CSS and SVG), so that the description and the router list the
//! same routes; a test checks it.

use serde_json::{json, Map, Value};

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn path(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": schema })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn date() -> Value {
    json!({ "type": "string", "format": "date" })
}

fn code() -> Value {
    json!({ "type": "string", "pattern": "^[A-Za-z]{3}$", "example": "FRA" })
}

fn id() -> Value {
    json!({ "type": "integer", "format": "int64", "minimum": 1 })
}

fn boolean() -> Value {
    json!({ "type": "boolean" })
}

fn integer(min: u64, max: u64) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": max })
}

fn one_of(values: &[&str]) -> Value {
    json!({ "type": "string", "enum": values })
}

fn error(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    })
}

fn ok_json(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn ok_as(description: &str, media: &str) -> Value {
    json!({ "description": description, "content": { media: { "schema": { "type": "string" } } } })
}

fn object() -> Value {
    json!({ "type": "object" })
}

fn lang_param() -> Value {
    query(
        "lang",
        "The page's language (fr or en); remembered in a cookie. Otherwise the cookie, then Accept-Language.",
        one_of(&["fr", "en"]),
    )
}

fn page(summary: &str, parameters: Vec<Value>) -> Value {
    json!({
        "get": {
            "tags": ["dashboard"],
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": ok_as("The page.", "text/html"),
                "400": { "description": "A parameter is invalid (an HTML page naming it)." },
                "404": { "description": "No such page or id." }
            }
        }
    })
}

fn event_filters() -> Vec<Value> {
    let modalities: Vec<&str> = crate::params::MODALITIES
        .iter()
        .map(|m| m.as_str())
        .collect();
    vec![
        query("actor", "A code on the actor side.", code()),
        query("recipient", "A code on the recipient side.", code()),
        query(
            "type",
            "The PLOVER event type.",
            one_of(&vigie_core::coder::ontology::EVENT_TYPES),
        ),
        query("mode", "The PLOVER mode.", string()),
        query("modality", "How sure the text is.", one_of(&modalities)),
        query(
            "quad",
            "The quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
            integer(1, 4),
        ),
        query("from", "Events on or after this day.", date()),
        query("to", "Events on or before this day.", date()),
        query(
            "q",
            "Words that must all occur in the event's article (a trailing * matches a prefix).",
            string(),
        ),
        query(
            "order",
            "newest (the default) or oldest first, by event day then id.",
            one_of(&["newest", "oldest"]),
        ),
        query(
            "after",
            "The `next` cursor of the previous page.",
            string(),
        ),
        query(
            "limit",
            "Events per page (default 100).",
            integer(1, vigie_store::MAX_PAGE as u64),
        ),
    ]
}

/// The description, as JSON.
pub fn spec() -> Value {
    let bad = error("A parameter is invalid; the message names it.");
    let missing = error("No such id.");
    let mut paths = Map::new();
    let mut add = |path: &str, item: Value| {
        paths.insert(path.to_string(), item);
    };
    add(
        "/",
        page(
            "The overview: most active and fastest-changing pairs, latest events, search.",
            vec![
                lang_param(),
                query("from", "Start of the ranking range.", date()),
                query("to", "End of the ranking range.", date()),
                query(
                    "recent_days",
                    "Length of the recent window.",
                    integer(1, 3660),
                ),
                query("limit", "Pairs per ranking.", integer(1, 1000)),
                query(
                    "min_events",
                    "Events a changing pair needs in each window.",
                    integer(1, 1_000_000),
                ),
                query("directed", "Rank directed pairs.", boolean()),
            ],
        ),
    );
    add(
        "/pair/{actor}/{recipient}",
        page(
            "A pair's relations chart (SVG), notable points, and its real-world events newest first.",
            vec![
                path("actor", "The first actor's code.", code()),
                path("recipient", "The second actor's code.", code()),
                lang_param(),
                query("by", "The period of the chart.", one_of(&["day", "week", "month"])),
                query("from", "First day.", date()),
                query("to", "Last day.", date()),
                query("directed", "Only actor → recipient.", boolean()),
                query("type", "Event type of the table's rows.", one_of(&vigie_core::coder::ontology::EVENT_TYPES)),
                query("modality", "Modality of the table's rows.", string()),
                query("quad", "Quad class of the table's rows.", integer(1, 4)),
                query("before", "Events before this day (the table's next page).", date()),
            ],
        ),
    );
    add(
        "/article/{id}",
        page(
            "An article with its actors, places, dates and triggers highlighted, and its coded events.",
            vec![path("id", "The document id.", id()), lang_param()],
        ),
    );
    add(
        "/cluster/{id}",
        page(
            "A real-world event and every article and sentence that reported it.",
            vec![path("id", "The cluster id.", id()), lang_param()],
        ),
    );
    add(
        "/search",
        page(
            "Full-text search over the articles.",
            vec![query("q", "The words to look for.", string()), lang_param()],
        ),
    );
    add(
        "/static/vigie.css",
        json!({ "get": { "tags": ["dashboard"], "summary": "The dashboard's style sheet.",
            "responses": { "200": ok_as("The style sheet.", "text/css") } } }),
    );
    add(
        "/static/favicon.svg",
        json!({ "get": { "tags": ["dashboard"], "summary": "The dashboard's icon.",
            "responses": { "200": ok_as("The icon.", "image/svg+xml") } } }),
    );
    add(
        "/api/events",
        json!({ "get": {
            "tags": ["events"],
            "summary": "Stored event records that pass every filter, one page at a time.",
            "parameters": event_filters(),
            "responses": {
                "200": ok_json("A page of events.", json!({ "$ref": "#/components/schemas/EventPage" })),
                "400": bad
            }
        } }),
    );
    add(
        "/api/events/{id}",
        json!({ "get": {
            "tags": ["events"],
            "summary": "One event record with its evidence, its article and its cluster.",
            "parameters": [path("id", "The event id.", id())],
            "responses": {
                "200": ok_json("The event.", object()),
                "400": bad, "404": missing
            }
        } }),
    );
    add(
        "/api/clusters/{id}",
        json!({ "get": {
            "tags": ["events"],
            "summary": "A real-world event (cluster) with every report of it.",
            "parameters": [path("id", "The cluster id.", id())],
            "responses": {
                "200": ok_json("The cluster.", object()),
                "400": bad, "404": missing
            }
        } }),
    );
    add(
        "/api/relations/{actor}/{recipient}",
        json!({ "get": {
            "tags": ["relations"],
            "summary": "The relations of a pair over time: counts per quad class, Goldstein sums, the smoothed score and the notable points.",
            "parameters": [
                path("actor", "The first actor's code.", code()),
                path("recipient", "The second actor's code.", code()),
                query("by", "The length of a period (default month).", one_of(&["day", "week", "month"])),
                query("from", "First day (the pair's first event when absent).", date()),
                query("to", "Last day (the pair's last event when absent).", date()),
                query("directed", "Only events of actor towards recipient.", boolean())
            ],
            "responses": {
                "200": ok_json("The series.", object()),
                "400": bad
            }
        } }),
    );
    add(
        "/api/dyads",
        json!({ "get": {
            "tags": ["relations"],
            "summary": "The most active pairs and the fastest-changing ones over a range.",
            "parameters": [
                query("from", "Start of the range (the first indexed day when absent).", date()),
                query("to", "End of the range (the last indexed day when absent).", date()),
                query("recent_days", "The recent window: the range's last days (default 30).", integer(1, 3660)),
                query("limit", "Pairs per ranking (default 10).", integer(1, 1000)),
                query("min_events", "Scored events a pair needs in each window to rank as changing (default 3).", integer(1, 1_000_000)),
                query("directed", "Rank directed pairs.", boolean())
            ],
            "responses": {
                "200": ok_json("The rankings.", object()),
                "400": bad
            }
        } }),
    );
    add(
        "/api/documents",
        json!({
            "get": {
                "tags": ["documents"],
                "summary": "Documents without their text: a full-text search (q), or every document in id order, one page at a time.",
                "parameters": [
                    query("q", "Words that must all occur (a trailing * matches a prefix); the most relevant first.", string()),
                    query("after", "The `next` cursor of the previous page (not with q).", integer(0, i64::MAX as u64)),
                    query("limit", "Documents per page (default 100).", integer(1, 1000))
                ],
                "responses": {
                    "200": ok_json("The documents.", object()),
                    "400": bad
                }
            },
            "post": {
                "tags": ["documents"],
                "summary": "Codes a document and stores it with its events. Needs the server's bearer token; a server started without a token is read-only and answers 403.",
                "security": [{ "bearer": [] }],
                "requestBody": {
                    "required": true,
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewDocument" } } }
                },
                "responses": {
                    "201": ok_json("Stored; Location names the document.", json!({ "$ref": "#/components/schemas/Stored" })),
                    "200": ok_json("The store already had the document (same URL or text).", json!({ "$ref": "#/components/schemas/Stored" })),
                    "400": error("The body is not a valid document; the message says why."),
                    "401": error("The bearer token is missing or wrong."),
                    "403": error("The server is read-only (started without a token)."),
                    "413": error("The body is larger than the server's limit."),
                    "415": error("The body is not JSON.")
                }
            }
        }),
    );
    add(
        "/api/documents/{id}",
        json!({ "get": {
            "tags": ["documents"],
            "summary": "A document with its text, its coded events and its spans: triggers and actors from the events, and actors, places and dates recognised in the text.",
            "parameters": [
                path("id", "The document id.", id()),
                query("recognition", "Add the spans recognition finds in the text (default true).", boolean())
            ],
            "responses": {
                "200": ok_json("The document.", object()),
                "400": bad, "404": missing
            }
        } }),
    );
    add(
        "/api/openapi.json",
        json!({ "get": { "tags": ["operations"], "summary": "This description.",
            "responses": { "200": ok_json("OpenAPI 3.0.", object()) } } }),
    );
    add(
        "/healthz",
        json!({ "get": { "tags": ["operations"], "summary": "Whether the server and its store answer.",
            "responses": {
                "200": ok_json("Healthy.", json!({ "type": "object", "properties": { "status": { "type": "string" } } })),
                "503": ok_json("The store does not answer.", object())
            } } }),
    );
    add(
        "/metrics",
        json!({ "get": { "tags": ["operations"], "summary": "Prometheus metrics: requests and latency per route, store size, cache.",
            "responses": { "200": ok_as("The text exposition format.", "text/plain") } } }),
    );
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "vigie",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Political event data from French and English news: events (PLOVER, CAMEO, Goldstein, modality) with their evidence, relations between pairs of actors over time, and the articles. Errors are JSON objects {\"error\": \"...\"}. Dates are YYYY-MM-DD; spans are character offsets [start, end) into the article's text."
        },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": { "error": { "type": "string" } }
                },
                "EventPage": {
                    "type": "object",
                    "properties": {
                        "items": { "type": "array", "items": { "type": "object" } },
                        "next": { "type": "string", "nullable": true }
                    }
                },
                "NewDocument": {
                    "type": "object",
                    "required": ["text"],
                    "additionalProperties": false,
                    "properties": {
                        "text": { "type": "string" },
                        "title": { "type": "string" },
                        "url": { "type": "string" },
                        "outlet": { "type": "string" },
                        "author": { "type": "string" },
                        "date": { "type": "string", "format": "date", "description": "The publication date." },
                        "lang": { "type": "string", "enum": ["fr", "en"] }
                    }
                },
                "Stored": {
                    "type": "object",
                    "properties": {
                        "outcome": { "type": "string", "enum": ["inserted", "duplicate"] },
                        "id": { "type": "integer" },
                        "events": { "type": "integer" },
                        "language": { "type": "string", "nullable": true }
                    }
                }
            }
        }
    })
}
