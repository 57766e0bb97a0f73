// Materialize lexical structure (spec/materialize.md §1).
// Keywords are case-insensitive; every keyword is also usable as an identifier
// (see `ident` in MaterializeParser.g4). Comments go to the hidden channel so
// that lowering can attach them to statements.
lexer grammar MaterializeLexer;

options { caseInsensitive = true; }

tokens { UNTERMINATED_BLOCK_COMMENT, UNTERMINATED_DOLLAR_STRING }

@members {
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

ACCESS: 'ACCESS';
ALTER: 'ALTER';
AND: 'AND';
ARN: 'ARN';
AS: 'AS';
ASSUME: 'ASSUME';
AUTHORITY: 'AUTHORITY';
AVAILABILITY: 'AVAILABILITY';
AWS: 'AWS';
BROKER: 'BROKER';
BROKERS: 'BROKERS';
CASCADE: 'CASCADE';
CAST: 'CAST';
CATALOG: 'CATALOG';
CERTIFICATE: 'CERTIFICATE';
COMMENT: 'COMMENT';
CONFLUENT: 'CONFLUENT';
CONNECTION: 'CONNECTION';
CONNECTIONS: 'CONNECTIONS';
CREATE: 'CREATE';
CREDENTIAL: 'CREDENTIAL';
DATABASE: 'DATABASE';
DROP: 'DROP';
ENDPOINT: 'ENDPOINT';
EXISTS: 'EXISTS';
FACTOR: 'FACTOR';
FALSE: 'FALSE';
FOR: 'FOR';
FROM: 'FROM';
HOST: 'HOST';
ICEBERG: 'ICEBERG';
ID: 'ID';
IF: 'IF';
INTERVAL: 'INTERVAL';
IS: 'IS';
KAFKA: 'KAFKA';
KEY: 'KEY';
KEYS: 'KEYS';
LIKE: 'LIKE';
MAP: 'MAP';
MATCHING: 'MATCHING';
MECHANISMS: 'MECHANISMS';
MODE: 'MODE';
MYSQL: 'MYSQL';
NAME: 'NAME';
NOT: 'NOT';
NULL: 'NULL';
ON: 'ON';
OR: 'OR';
OWNER: 'OWNER';
PASSWORD: 'PASSWORD';
PORT: 'PORT';
POSTGRES: 'POSTGRES';
PRIVATELINK: 'PRIVATELINK';
PROGRESS: 'PROGRESS';
PROTOCOL: 'PROTOCOL';
PUBLIC: 'PUBLIC';
REDACTED: 'REDACTED';
REGION: 'REGION';
REGISTRY: 'REGISTRY';
RENAME: 'RENAME';
REPLICATION: 'REPLICATION';
RESET: 'RESET';
RESTRICT: 'RESTRICT';
ROLE: 'ROLE';
ROTATE: 'ROTATE';
SASL: 'SASL';
SCHEMA: 'SCHEMA';
SCOPE: 'SCOPE';
SECRET: 'SECRET';
SECRETS: 'SECRETS';
SECURITY: 'SECURITY';
SELECT: 'SELECT';
SERVER: 'SERVER';
SERVICE: 'SERVICE';
SESSION: 'SESSION';
SET: 'SET';
SHOW: 'SHOW';
SQL: 'SQL';
SSH: 'SSH';
SSL: 'SSL';
TO: 'TO';
TOKEN: 'TOKEN';
TOPIC: 'TOPIC';
TRUE: 'TRUE';
TUNNEL: 'TUNNEL';
TYPE: 'TYPE';
URL: 'URL';
USER: 'USER';
USERNAME: 'USERNAME';
USING: 'USING';
VALIDATE: 'VALIDATE';
VERSION: 'VERSION';
WAREHOUSE: 'WAREHOUSE';
WHERE: 'WHERE';
WITH: 'WITH';
ZONE: 'ZONE';
ZONES: 'ZONES';

// Literals. Escapes and the adjacent-string rule are applied during lowering.
ESCAPE_STRING: 'E\'' ( '\\' . | '\'\'' | ~['\\] )* '\'';
HEX_STRING: 'X\'' ~'\''* '\'';
STRING: '\'' ( ~'\'' | '\'\'' )* '\'';
UNTERMINATED_STRING: ( '\'' | 'E\'' | 'X\'' ) ( ~['\\] | '\'\'' | '\\' . )* '\\'? EOF;
DOLLAR_STRING: '$' DOLLAR_TAG? '$' { this.finishDollarString(); };
PARAMETER: '$' [0-9]+;
NUMBER: ( [0-9]+ ( '.' [0-9]* )? | '.' [0-9]+ ) ( 'E' [+-]? [0-9]+ )?;

QUOTED_IDENT: '"' ( ~'"' | '""' )* '"';
UNTERMINATED_QUOTED_IDENT: '"' ( ~'"' | '""' )* EOF;
IDENT: IDENT_START IDENT_PART*;

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
OPERATOR: [+\-*/<>=~!@#%^&|`?]+;

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' { this.finishBlockComment(); } -> channel(HIDDEN);
WHITESPACE: [ \t\r\n\f\u000B]+ -> skip;
UNEXPECTED_CHAR: .;

fragment DOLLAR_TAG: [A-Z_\u0080-\u{10FFFF}] [A-Z0-9_\u0080-\u{10FFFF}]*;
fragment IDENT_START: [A-Z_\u0080-\u{10FFFF}];
fragment IDENT_PART: [A-Z0-9_$\u0080-\u{10FFFF}];
