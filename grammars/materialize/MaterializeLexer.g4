// Materialize lexical structure (spec/materialize.md §1).
// Keywords are case-insensitive; every keyword is also usable as an identifier
// (see `ident` in MaterializeParser.g4). Comments go to the hidden channel so
// that lowering can attach them to statements.
lexer grammar MaterializeLexer;

options { caseInsensitive = true; }

tokens {
    // Keywords: lexed as IDENT, then typed by keywordType() below, which keeps the
    // lexer automaton small (fast start-up) and makes keyword matching a table lookup.
    ACCESS, ALTER, AND, ARN, AS, ASSUME, AUTHORITY, AVAILABILITY, AWS, BROKER, BROKERS,
    CASCADE, CAST, CATALOG, CERTIFICATE, COMMENT, CONFLUENT, CONNECTION, CONNECTIONS, CREATE,
    CREDENTIAL, DATABASE, DROP, ENDPOINT, EXISTS, FACTOR, FALSE, FOR, FROM, HOST, ICEBERG, ID,
    IF, INTERVAL, IS, KAFKA, KEY, KEYS, LIKE, MAP, MATCHING, MECHANISMS, MODE, MYSQL, NAME,
    NOT, NULL, ON, OR, OWNER, PASSWORD, PORT, POSTGRES, PRIVATELINK, PROGRESS, PROTOCOL,
    PUBLIC, REDACTED, REGION, REGISTRY, RENAME, REPLICATION, RESET, RESTRICT, ROLE, ROTATE,
    SASL, SCHEMA, SCOPE, SECRET, SECRETS, SECURITY, SELECT, SERVER, SERVICE, SESSION, SET,
    SHOW, SQL, SSH, SSL, TO, TOKEN, TOPIC, TRUE, TUNNEL, TYPE, URL, USER, USERNAME, USING,
    VALIDATE, VERSION, WAREHOUSE, WHERE, WITH, ZONE, ZONES,
    UNTERMINATED_BLOCK_COMMENT, UNTERMINATED_DOLLAR_STRING
}

@members {
    private static keywords: Map<string, number> | undefined;

    /** The keyword token type of a word, or IDENT. Keywords are ASCII, matched case-insensitively. */
    private keywordType(word: string): number {
        let keywords = MaterializeLexer.keywords;
        if (keywords === undefined) {
            keywords = new Map();
            for (let type = MaterializeLexer.ACCESS; type <= MaterializeLexer.ZONES; type++) {
                keywords.set(MaterializeLexer.symbolicNames[type]!, type);
            }
            MaterializeLexer.keywords = keywords;
        }
        // ASCII only: full Unicode upper-casing would turn "ſet" into SET.
        if (!/^[A-Za-z_]+$/.test(word)) return MaterializeLexer.IDENT;
        return keywords.get(word.toUpperCase()) ?? MaterializeLexer.IDENT;
    }

    /** Consumes the rest of a nested block comment after its opening delimiter. */
    private finishBlockComment(): void {
        const input = this.inputStream;
        let depth = 1;
        while (depth > 0) {
            const c = input.LA(1);
            if (c === -1) { this.type = MaterializeLexer.UNTERMINATED_BLOCK_COMMENT; this.channel = 0; return; }
            if (c === 0x2f && input.LA(2) === 0x2a) { depth++; this.interpreter.consume(input); }
            else if (c === 0x2a && input.LA(2) === 0x2f) { depth--; this.interpreter.consume(input); }
            this.interpreter.consume(input);
        }
    }

    /** Consumes the body of a dollar-quoted string up to the repeated opening tag. */
    private finishDollarString(): void {
        const input = this.inputStream;
        const tag = this.text;
        for (;;) {
            const c = input.LA(1);
            if (c === -1) { this.type = MaterializeLexer.UNTERMINATED_DOLLAR_STRING; return; }
            if (c === 0x24) {
                let matched = true;
                for (let i = 0; i < tag.length; i++) {
                    if (input.LA(i + 1) !== tag.codePointAt(i)) { matched = false; break; }
                }
                if (matched) {
                    for (let i = 0; i < tag.length; i++) this.interpreter.consume(input);
                    return;
                }
            }
            this.interpreter.consume(input);
        }
    }
}


// Literals. Escapes and the adjacent-string rule are applied during lowering.
ESCAPE_STRING: 'E\'' ( '\\' . | '\'\'' | ~['\\] )* '\'';
HEX_STRING: 'X\'' ~'\''* '\'';
STRING: '\'' ( ~'\'' | '\'\'' )* '\'';
UNTERMINATED_STRING
    : '\'' ( ~'\'' | '\'\'' )* EOF
    | 'E\'' ( ~['\\] | '\'\'' | '\\' . )* '\\'? EOF
    | 'X\'' ~'\''* EOF
    ;
DOLLAR_STRING: '$' DOLLAR_TAG? '$' { this.finishDollarString(); };
PARAMETER: '$' [0-9]+;
NUMBER: ( [0-9]+ ( '.' [0-9]* )? | '.' [0-9]+ ) ( 'E' [+-]? [0-9]+ )?;

QUOTED_IDENT: '"' ( ~'"' | '""' )* '"';
UNTERMINATED_QUOTED_IDENT: '"' ( ~'"' | '""' )* EOF;
IDENT: IDENT_START IDENT_PART* { this.type = this.keywordType(this.text); };

// Punctuation and operators.
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
COMMA: ',';
SEMI: ';';
DOUBLE_COLON: '::';
COLON: ':';
ARROW: '=>';
EQ: '=';
CONCAT: '||';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
CARET: '^';
NOT_EQ: '<>' | '!=';
LT_EQ: '<=';
GT_EQ: '>=';
LT: '<';
GT: '>';
DOT: '.';
// Other operator characters, one token each. Operator runs never swallow the
// start of a comment (`--`, `/*`), because `-` and `/` are tokens of their own.
OPERATOR: [~!@#%^&|`?];

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' { this.finishBlockComment(); } -> channel(HIDDEN);
WHITESPACE: [ \t\r\n\f\u000B]+ -> skip;
UNEXPECTED_CHAR: .;

fragment DOLLAR_TAG: [A-Z_\u0080-\u{10FFFF}] [A-Z0-9_\u0080-\u{10FFFF}]*;
fragment IDENT_START: [A-Z_\u0080-\u{10FFFF}];
fragment IDENT_PART: [A-Z0-9_$\u0080-\u{10FFFF}];
