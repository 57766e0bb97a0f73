-- The sources of an analytics pipeline, as Materialize connections.
CREATE SECRET kafka_password AS 'hunter2';
CREATE SECRET mysql_password AS decode('czNjcjN0', 'base64');
CREATE SECRET aws_secret_key AS 'wJalrXUtnFEMI/K7MDENG';

CREATE CONNECTION kafka_connection TO KAFKA (
    BROKER 'unique-jellyfish-0000-kafka.upstash.io:9092',
    SASL MECHANISMS = 'SCRAM-SHA-256',
    SASL USERNAME = 'foo',
    SASL PASSWORD = SECRET kafka_password
);

CREATE CONNECTION orders_db TO MYSQL (
    HOST 'orders.internal.example.com',
    PORT 3306,
    USER 'replicator',
    PASSWORD SECRET mysql_password,
    SSL MODE required
);

CREATE CONNECTION exports TO AWS (
    ACCESS KEY ID = 'AKIAIOSFODNN7EXAMPLE',
    SECRET ACCESS KEY = SECRET aws_secret_key,
    REGION = 'us-east-1'
);
COMMENT ON CONNECTION exports IS 'nightly exports bucket';
