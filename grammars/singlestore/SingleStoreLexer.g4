// SingleStore lexical structure (spec/singlestore.md §1): the MySQL family.
// Keywords are case-insensitive and lexed as IDENT, then typed by a table
// lookup (keywordType below), which keeps the lexer automaton small. Comments
// go to the hidden channel so that lowering can attach them to statements.
// String escapes, quote doubling and adjacent literals are applied during
// lowering; the lexer only finds where each literal ends.
lexer grammar SingleStoreLexer;

options { caseInsensitive = true; }

tokens {
    // Keywords, in the order keywordType() reads them (ALTER .. SHOW).
    ALTER, AS, AZURE, CONFIG, CREATE, CREDENTIALS, DESCRIPTION, DROP, EXISTS, GCS, HDFS, HTTP,
    IF, KAFKA, LINK, LINKS, MONGODB, MYSQL, NOT, ON, OR, REPLACE, S3, SET, SHOW,
    LINE_COMMENT, UNTERMINATED_BLOCK_COMMENT
}

@members {
    private static keywords: Map<string, number> | undefined;

    /** The keyword token type of a word, or IDENT. Keywords are ASCII, matched case-insensitively. */
    private keywordType(word: string): number {
        let keywords = SingleStoreLexer.keywords;
        if (keywords === undefined) {
            keywords = new Map();
            for (let type = SingleStoreLexer.ALTER; type <= SingleStoreLexer.SHOW; type++) {
                keywords.set(SingleStoreLexer.symbolicNames[type]!, type);
            }
            SingleStoreLexer.keywords = keywords;
        }
        // ASCII only: full Unicode upper-casing would turn "ſet" into SET.
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) return SingleStoreLexer.IDENT;
        return keywords.get(word.toUpperCase()) ?? SingleStoreLexer.IDENT;
    }

    /** `--` starts a comment only when a blank or control character (or the end) follows it. */
    private finishDoubleDash(): void {
        const input = this.inputStream;
        const next = input.LA(1);
        if (next !== -1 && next > 0x20) {
            this.type = SingleStoreLexer.OPERATOR;
            return;
        }
        for (let c = input.LA(1); c !== -1 && c !== 0x0a && c !== 0x0d; c = input.LA(1)) this.interpreter.consume(input);
        this.type = SingleStoreLexer.LINE_COMMENT;
        this.channel = SingleStoreLexer.HIDDEN;
    }

    /** Consumes the rest of a block comment (not nested, as in MySQL). */
    private finishBlockComment(): void {
        const input = this.inputStream;
        for (;;) {
            const c = input.LA(1);
            if (c === -1) { this.type = SingleStoreLexer.UNTERMINATED_BLOCK_COMMENT; this.channel = 0; return; }
            this.interpreter.consume(input);
            if (c === 0x2a && input.LA(1) === 0x2f) { this.interpreter.consume(input); return; }
        }
    }
}

// String literals: '...' and "...", with backslash escapes and doubled quotes.
SINGLE_QUOTED_STRING: '\'' ( ~['\\] | '\'\'' | '\\' . )* '\'';
DOUBLE_QUOTED_STRING: '"' ( ~["\\] | '""' | '\\' . )* '"';
UNTERMINATED_STRING
    : '\'' ( ~['\\] | '\'\'' | '\\' . )* '\\'? EOF
    | '"' ( ~["\\] | '""' | '\\' . )* '\\'? EOF
    ;

BACKTICK_IDENT: '`' ( ~'`' | '``' )* '`';
UNTERMINATED_BACKTICK_IDENT: '`' ( ~'`' | '``' )* EOF;

// Before IDENT: an all-digit word is a number, a word with a letter is an identifier.
NUMBER: [0-9]+ ( '.' [0-9]* )? ( 'E' [+-]? [0-9]+ )?;
IDENT: IDENT_PART+ { this.type = this.keywordType(this.text); };

// The mysql client's terminators: `\G` (vertical output) and `\g` end a statement like `;`.
CLIENT_TERMINATOR: '\\G';

LPAREN: '(';
RPAREN: ')';
COMMA: ',';
SEMI: ';';
DOT: '.';
EQ: '=';
DOUBLE_COLON: '::';

HASH_COMMENT: '#' ~[\r\n]* -> channel(HIDDEN);
DOUBLE_DASH: '--' { this.finishDoubleDash(); };
BLOCK_COMMENT: '/*' { this.finishBlockComment(); } -> channel(HIDDEN);

// Other punctuation, one character per token (statements outside the scope use them).
OPERATOR: [-+*/%<>!~^&|@?:{}[\]\\];

WHITESPACE: [ \t\r\n\f\u000B]+ -> skip;
UNEXPECTED_CHAR: .;

fragment IDENT_PART: [A-Z0-9_$\u0080-\u{10FFFF}];
