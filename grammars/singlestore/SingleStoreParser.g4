// SingleStore connection-link DDL (spec/singlestore.md §2). Lenient where the
// spec puts the rule in the check pass: CONFIG and CREDENTIALS may come in any
// order and number (lowering rejects repeats, the checker a missing
// CREDENTIALS), ALTER LINK takes any number of SET clauses, and names any
// number of parts. One statement is parsed at a time, without its terminator.
parser grammar SingleStoreParser;

options { tokenVocab = SingleStoreLexer; }

statement
    // Shared leading keywords are factored out so that an error right after
    // them names what may follow.
    : ( CREATE createLink
      | ALTER alterLink
      | DROP dropLink
      | SHOW ( showLinks | showCreateLink )
      ) EOF
    ;

createLink
    : orReplace? LINK ifNotExists? linkName AS linkType linkClause* descriptionClause?
    ;

orReplace: OR REPLACE;
ifNotExists: IF NOT EXISTS;

linkType: S3 | AZURE | GCS | HDFS | HTTP | KAFKA | MONGODB | MYSQL;

linkClause: (CONFIG | CREDENTIALS) stringLiteral;

descriptionClause: DESCRIPTION stringLiteral;

alterLink: LINK linkName setClause+;

setClause
    : SET (CONFIG | CREDENTIALS) stringLiteral                      # setWholeJson
    | SET (CONFIG | CREDENTIALS) DOUBLE_COLON jsonKey EQ stringLiteral  # setOneKey
    ;

// The key of `SET CONFIG ::key = 'value'`: dotted identifiers (`sasl.password`)
// or back-quoted text.
jsonKey: ident (DOT ident)*;

dropLink: LINK linkName;

showLinks: LINKS (ON ident)?;

showCreateLink: CREATE LINK linkName;

linkName: ident (DOT ident)*;

// Adjacent literals form one string (`'a' 'b'` is 'ab').
stringLiteral: ( SINGLE_QUOTED_STRING | DOUBLE_QUOTED_STRING )+;

ident
    : IDENT
    | BACKTICK_IDENT
    | nonReservedKeyword
    ;

// Reserved words of MySQL (ALTER, AS, CREATE, DROP, EXISTS, IF, NOT, ON, OR,
// REPLACE, SET, SHOW) need back-quotes to be names; the rest do not.
nonReservedKeyword
    : AZURE | CONFIG | CREDENTIALS | DESCRIPTION | GCS | HDFS | HTTP | KAFKA | LINK | LINKS
    | MONGODB | MYSQL | S3
    ;
