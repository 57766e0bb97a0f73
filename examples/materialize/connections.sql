-- Connections of a small streaming pipeline, written the way people type them.
create secret kafka_password as 'hunter2';
create secret pgpass AS decode('c2VjcmV0Cg==', 'base64');

CREATE CONNECTION kafka_connection TO KAFKA (
    BROKER 'unique-jellyfish-0000-kafka.upstash.io:9092',
    SASL MECHANISMS = 'SCRAM-SHA-256',
    SASL USERNAME = 'foo',
    SASL PASSWORD = SECRET kafka_password
);

create connection csr for confluent schema registry
    url 'https://psrc-00000.us-east-2.aws.confluent.cloud', username 'registry-user';

CREATE CONNECTION tunnel TO SSH TUNNEL (HOST 'bastion-host', PORT 22, USER 'materialize');

CREATE CONNECTION pg_connection TO POSTGRES (
    HOST 'instance.foo000.us-west-1.rds.amazonaws.com',
    PORT 5432,
    USER postgres,
    PASSWORD SECRET pgpass,
    SSH TUNNEL tunnel,
    DATABASE 'postgres'
);

ALTER CONNECTION pg_connection SET (PORT = 5433), RESET (SSH TUNNEL);
