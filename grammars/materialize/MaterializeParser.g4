// Materialize connection and secret DDL (spec/materialize.md §2).
// The grammar mirrors the platform's parser: every option name is accepted
// after every connection type; per-type rules live in the check pass.
// One statement is parsed at a time; the statement splitter feeds it its
// tokens without the terminating semicolons.
parser grammar MaterializeParser;

options { tokenVocab = MaterializeLexer; }

statement
    // Shared leading keywords are factored out so that an error right after
    // them names what may follow (`CREATE OR` → "Expected CONNECTION or SECRET").
    : ( CREATE ( createConnection | createSecret )
      | ALTER ( alterConnection | alterSecret )
      | dropObjects
      | SHOW ( showObjects | showCreateConnection )
      | validateConnection
      | commentOn
      ) EOF
    ;

// ---- CREATE CONNECTION -------------------------------------------------

createConnection
    : CONNECTION ifNotExists? itemName
      ( TO connectionType LPAREN connectionOption (COMMA connectionOption)* RPAREN
      | FOR connectionType connectionOption (COMMA connectionOption)*
      )
      withOptions?
    ;

ifNotExists: IF NOT EXISTS;
ifExists: IF EXISTS;

connectionType
    : AWS PRIVATELINK
    | AWS
    | KAFKA
    | CONFLUENT SCHEMA REGISTRY
    | POSTGRES
    | MYSQL
    | SQL SERVER
    | SSH TUNNEL
    | ICEBERG CATALOG
    ;

withOptions: WITH LPAREN validateOption (COMMA validateOption)* RPAREN;
validateOption: VALIDATE (EQ? optionValue)?;

connectionOption
    : AWS CONNECTION EQ? rawName                                             # awsConnectionOption
    | SSH TUNNEL EQ? rawName                                                 # sshTunnelOption
    | AWS PRIVATELINK EQ? rawName (LPAREN PORT signedNumber RPAREN)?          # awsPrivatelinkOption
    | BROKER kafkaBroker                                                     # brokerOption
    | BROKERS EQ? ( LPAREN brokerEntry (COMMA brokerEntry)* RPAREN
                  | LBRACKET brokerEntry (COMMA brokerEntry)* RBRACKET )     # brokersOption
    | valueOptionName (EQ? optionValue)?                                     # valueOption
    ;

kafkaBroker: EQ? stringLiteral brokerTunnel?;

brokerTunnel
    : USING AWS PRIVATELINK rawName (LPAREN privatelinkOption (COMMA privatelinkOption)* RPAREN)?  # privatelinkBrokerTunnel
    | USING SSH TUNNEL rawName                                                                      # sshBrokerTunnel
    ;

brokerEntry
    : MATCHING stringLiteral USING AWS PRIVATELINK rawName
      (LPAREN privatelinkOption (COMMA privatelinkOption)* RPAREN)?   # matchingRule
    | kafkaBroker                                                       # staticBroker
    ;

privatelinkOption: (AVAILABILITY ZONE | PORT) (EQ? optionValue)?;

// Longer names first: on an ambiguity ANTLR picks the earlier alternative,
// which reproduces the platform's greedy keyword matching.
valueOptionName
    : ACCESS KEY ID
    | ASSUME ROLE ARN
    | ASSUME ROLE SESSION NAME
    | AVAILABILITY ZONES
    | CATALOG TYPE
    | CREDENTIAL
    | DATABASE
    | ENDPOINT
    | HOST
    | PASSWORD
    | PORT
    | PUBLIC KEY NUMBER
    | PROGRESS TOPIC REPLICATION FACTOR
    | PROGRESS TOPIC
    | REGION
    | SASL MECHANISMS
    | SASL PASSWORD
    | SASL USERNAME
    | SCOPE
    | SECRET ACCESS KEY
    | SECURITY PROTOCOL
    | SERVICE NAME
    | SESSION TOKEN
    | SSL CERTIFICATE AUTHORITY
    | SSL CERTIFICATE
    | SSL KEY
    | SSL MODE
    | URL
    | USER
    | USERNAME
    | WAREHOUSE
    ;

// Option names without values, as in ALTER CONNECTION ... DROP (name).
connectionOptionName
    : AWS CONNECTION
    | SSH TUNNEL
    | AWS PRIVATELINK
    | BROKER
    | BROKERS
    | valueOptionName
    ;

optionValue
    : LPAREN (optionValue (COMMA optionValue)*)? RPAREN        # sequenceValue
    | LBRACKET (optionValue (COMMA optionValue)*)? RBRACKET    # sequenceValue
    | MAP LBRACKET (mapEntry (COMMA mapEntry)*)? RBRACKET      # mapValue
    | SECRET rawName                                           # secretValue
    | literal                                                  # literalValue
    | rawName                                                  # nameValue
    ;

mapEntry: stringLiteral ARROW optionValue;

// ---- ALTER CONNECTION --------------------------------------------------

alterConnection
    : CONNECTION ifExists? itemName
      ( RENAME TO ident
      | OWNER TO ident
      | alterAction (COMMA alterAction)* withOptions?
      )
    ;

alterAction
    : ROTATE KEYS                                          # rotateKeysAction
    | SET LPAREN connectionOption RPAREN                   # setAction
    | (DROP | RESET) LPAREN connectionOptionName RPAREN    # dropAction
    ;

// ---- Secrets -----------------------------------------------------------

createSecret: SECRET ifNotExists? itemName AS expression;

alterSecret
    : SECRET ifExists? itemName
      ( AS expression
      | RENAME TO ident
      | OWNER TO ident
      )
    ;

// ---- DROP, SHOW, VALIDATE, COMMENT --------------------------------------

dropObjects
    : DROP (CONNECTION | SECRET) ifExists? itemName (COMMA itemName)* (CASCADE | RESTRICT)?
    ;

showObjects
    : (CONNECTIONS | SECRETS) (FROM itemName)? (LIKE stringLiteral | WHERE expression)?
    ;

showCreateConnection: REDACTED? CREATE CONNECTION rawName;

validateConnection: VALIDATE CONNECTION rawName;

commentOn: COMMENT ON (CONNECTION | SECRET) itemName IS (stringLiteral | NULL);

// ---- Scalar expressions (secret values, SHOW ... WHERE) ----------------
// An expression is read as a flat sequence of operands and operators, and
// the lowering applies the operators' precedence (expression.ts) with a stack
// of its own: a chain of any length (`'a' || 'b' || ...`, `NOT NOT ... x`)
// makes neither a deep parse tree nor a deep call stack. Only brackets nest
// here, and their depth is limited before parsing.

expression: operand ( binaryOperator operand | postfixOperator )*;

operand: prefixOperator* primaryExpression;

prefixOperator: PLUS | MINUS | NOT;

binaryOperator
    : CARET | STAR | SLASH | PERCENT | PLUS | MINUS | CONCAT | OPERATOR
    | EQ | NOT_EQ | LT | GT | LT_EQ | GT_EQ
    | NOT? LIKE
    | AND | OR
    ;

postfixOperator
    : DOUBLE_COLON typeName                                             # castOperator
    | IS NOT? NULL                                                      # isNullOperator
    ;

primaryExpression
    : literal                                                           # literalExpr
    | PARAMETER                                                         # parameterExpr
    | LPAREN SELECT tokenSoup RPAREN                                    # subqueryExpr
    | LPAREN expression RPAREN                                          # parenExpr
    | CAST LPAREN expression AS typeName RPAREN                         # castCallExpr
    | itemName LPAREN (expression (COMMA expression)*)? RPAREN          # functionCallExpr
    | itemName                                                          # columnExpr
    ;

typeName: itemName (LBRACKET RBRACKET)?;

// Anything with balanced parentheses: the body of a subquery, which is
// recognised only to be rejected by the check pass.
tokenSoup: ( LPAREN tokenSoup RPAREN | ~(LPAREN | RPAREN) )*;

// ---- Names and literals ------------------------------------------------

itemName: ident (DOT ident)*;

rawName
    : itemName
    | LBRACKET ident AS itemName (VERSION NUMBER)? RBRACKET
    ;

literal
    : stringLiteral
    | MINUS? NUMBER
    | HEX_STRING
    | TRUE
    | FALSE
    | NULL
    | INTERVAL stringLiteral
    ;

signedNumber: MINUS? NUMBER;

// Adjacent string tokens form one string only when separated by a newline;
// lowering checks the separator.
stringLiteral: ( STRING | ESCAPE_STRING | DOLLAR_STRING )+;

ident
    : IDENT
    | QUOTED_IDENT
    | keyword
    ;

keyword
    : ACCESS | ALTER | AND | ARN | AS | ASSUME | AUTHORITY | AVAILABILITY | AWS | BROKER | BROKERS
    | CASCADE | CAST | CATALOG | CERTIFICATE | COMMENT | CONFLUENT | CONNECTION | CONNECTIONS
    | CREATE | CREDENTIAL | DATABASE | DROP | ENDPOINT | EXISTS | FACTOR | FALSE | FOR | FROM
    | HOST | ICEBERG | ID | IF | INTERVAL | IS | KAFKA | KEY | KEYS | LIKE | MAP | MATCHING
    | MECHANISMS | MODE | MYSQL | NAME | NOT | NULL | ON | OR | OWNER | PASSWORD | PORT | POSTGRES
    | PRIVATELINK | PROGRESS | PROTOCOL | PUBLIC | REDACTED | REGION | REGISTRY | RENAME
    | REPLICATION | RESET | RESTRICT | ROLE | ROTATE | SASL | SCHEMA | SCOPE | SECRET | SECRETS
    | SECURITY | SELECT | SERVER | SERVICE | SESSION | SET | SHOW | SQL | SSH | SSL | TO | TOKEN
    | TOPIC | TRUE | TUNNEL | TYPE | URL | USER | USERNAME | USING | VALIDATE | VERSION
    | WAREHOUSE | WHERE | WITH | ZONE | ZONES
    ;

// Entry point for re-reading an expression kept as text in the IR.
standaloneExpression: expression EOF;
