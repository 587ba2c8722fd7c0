"""The index's tables, its final indexes, and their one version number; and the one rule, in
SQL, for what a contradiction disputes.

The cache (reading) and the build (writing) both import this: an index built under another
version is never reused. Only strings (and a function that makes one), so importing it costs
nothing on the query path."""

# Bump on any change to the tables below or to what a build stores in them.
SCHEMA_VERSION = "12"

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- each fact file read, in reading order, with the stamp it had then (see index.stamps);
-- every record below names the file and line it came from, so a file's records can be
-- replaced alone (index.update)
CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT NOT NULL, ord INTEGER NOT NULL,
    stamp TEXT NOT NULL);
CREATE TABLE sources(id TEXT PRIMARY KEY, title TEXT, publisher TEXT, published TEXT,
    language TEXT, reliability TEXT, record TEXT NOT NULL, file INTEGER, line INTEGER);
CREATE TABLE entities(id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
    ftext TEXT NOT NULL, about TEXT, record TEXT NOT NULL, statements INTEGER NOT NULL DEFAULT 0,
    file INTEGER, line INTEGER);
CREATE TABLE topics(id TEXT PRIMARY KEY, label TEXT NOT NULL, parent TEXT,
    ftext TEXT NOT NULL, record TEXT NOT NULL, statements INTEGER NOT NULL DEFAULT 0,
    file INTEGER, line INTEGER);
-- ids are unique, but checked after the inserts (see index.checks):
-- a build keeps no table of a million ids in Python
CREATE TABLE statements(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, speaker TEXT,
    lo TEXT, hi TEXT, match_lo TEXT, match_hi TEXT,
    said_lo TEXT, said_hi TEXT, said_match_lo TEXT, said_match_hi TEXT, said_day TEXT,
    certainty TEXT NOT NULL, attribution TEXT NOT NULL,
    has_links INTEGER NOT NULL DEFAULT 0, disputed INTEGER NOT NULL DEFAULT 0,
    corroborated INTEGER NOT NULL DEFAULT 0, located INTEGER NOT NULL DEFAULT 0,
    about_lo TEXT, sort_day TEXT,
    about TEXT, said TEXT, speaker_name TEXT, title TEXT, cue TEXT, text TEXT NOT NULL,
    record TEXT NOT NULL, file INTEGER NOT NULL, line INTEGER);
-- made with the table, so a build's writer process keeps them up as it inserts (in parallel
-- with validation) instead of sorting them at the end
CREATE INDEX statements_by_id ON statements(id);
CREATE INDEX statements_by_file ON statements(file);
CREATE TABLE statement_actors(stmt INTEGER NOT NULL, entity TEXT NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY(stmt, entity, role)) WITHOUT ROWID;
CREATE TABLE statement_topics(stmt INTEGER NOT NULL, topic TEXT NOT NULL,
    PRIMARY KEY(stmt, topic)) WITHOUT ROWID;
CREATE TABLE statement_sources(stmt INTEGER NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY(stmt, source)) WITHOUT ROWID;
CREATE TABLE links(src TEXT NOT NULL, dst TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE names(norm TEXT NOT NULL, what TEXT NOT NULL, id TEXT NOT NULL, shown TEXT NOT NULL);
CREATE TABLE topic_tree(ancestor TEXT NOT NULL, topic TEXT NOT NULL, PRIMARY KEY(ancestor, topic))
    WITHOUT ROWID;
CREATE TABLE lexicon(term TEXT NOT NULL, grp TEXT NOT NULL, kind TEXT NOT NULL,
    file INTEGER, line INTEGER);
CREATE VIRTUAL TABLE fts USING fts5(text, quotes, names, context, content='',
    tokenize='porter unicode61 remove_diacritics 2');
-- the full-text index gathers up to 8 MiB of new entries in memory (1 MiB by default)
-- before it writes them out as a segment: a build then merges far fewer segments, about a
-- quarter of the full-text inserts' time; what the index finds and ranks is the same
INSERT INTO fts(fts, rank) VALUES('hashsize', 8388608);
"""

# How far a source is trusted, roughly: dated beats undated; a curator's reliability note that
# opens with "Low" or "Unsigned" counts against it (SQL on a `sources` row named src).
SOURCE_TRUST = """((src.published IS NOT NULL)
    + (coalesce(src.reliability, '') NOT LIKE 'low%'
       AND coalesce(src.reliability, '') NOT LIKE 'unsigned%'))"""


# A contradiction disputes both statements, except that a disagreement over the speaker's
# title (the same speaker under another title) disputes only the title given by the source
# trusted no further than the other's (a statement's source: its first). Rows of (me, other):
# a statement, and a statement that disputes it. The build, an update, `ask` and the
# profiles all read it here.
def disputing_sql(links_where: str = "") -> str:
    """The (me, other) rows, for the contradicts links that also meet `links_where` (SQL on
    the links' src and dst, e.g. "src IN flag_ids OR dst IN flag_ids")."""
    where = f" AND ({links_where})" if links_where else ""
    return f"""
WITH ends(me, other) AS (
    SELECT src, dst FROM links WHERE kind = 'contradicts'{where}
    UNION SELECT dst, src FROM links WHERE kind = 'contradicts'{where}),
trust(id, speaker, title, standing) AS (
    SELECT s.id, s.speaker, s.title, {SOURCE_TRUST}
    FROM statements s
    LEFT JOIN sources src ON src.id = json_extract(s.record, '$.evidence[0].source')
    WHERE s.id IN (SELECT me FROM ends))
SELECT e.me AS me, e.other AS other FROM ends e
JOIN trust a ON a.id = e.me LEFT JOIN trust b ON b.id = e.other
WHERE NOT (a.speaker IS NOT NULL AND a.speaker IS b.speaker
           AND coalesce(a.title, '') != coalesce(b.title, '') AND a.standing > b.standing)
"""


FINISH = (
    """
CREATE INDEX actors_by_entity ON statement_actors(entity, stmt);
CREATE INDEX topics_by_topic ON statement_topics(topic, stmt);
CREATE INDEX sources_by_source ON statement_sources(source, stmt);
CREATE INDEX statements_by_date ON statements(lo, hi);
CREATE INDEX statements_by_match ON statements(match_lo, match_hi);
CREATE INDEX statements_by_said ON statements(said_match_lo, said_match_hi);
CREATE INDEX statements_by_day ON statements(sort_day, hi, id);
CREATE INDEX statements_by_speaker ON statements(speaker);
CREATE INDEX names_by_norm ON names(norm);
CREATE INDEX links_by_src ON links(src);
CREATE INDEX links_by_dst ON links(dst);
CREATE INDEX lexicon_by_term ON lexicon(term);
UPDATE entities SET statements = c.n
    FROM (SELECT entity, count(DISTINCT stmt) AS n FROM statement_actors GROUP BY entity) AS c
    WHERE c.entity = entities.id;
UPDATE topics SET statements = c.n
    FROM (SELECT tt.ancestor AS topic, count(DISTINCT st.stmt) AS n FROM topic_tree tt
          JOIN statement_topics st ON st.topic = tt.topic GROUP BY tt.ancestor) AS c
    WHERE c.topic = topics.id;
UPDATE statements SET has_links = 1
    WHERE id IN (SELECT src FROM links UNION SELECT dst FROM links);
UPDATE statements SET disputed = 1 WHERE id IN (SELECT me FROM ("""
    + disputing_sql()
    + """));
UPDATE statements SET corroborated = 1 WHERE id IN
    (SELECT src FROM links WHERE kind = 'corroborates' UNION
     SELECT dst FROM links WHERE kind = 'corroborates');
"""
)
