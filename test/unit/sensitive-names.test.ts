// Which setting names and embedded values are secret, as a table: the names
// platforms' own redactors treat as secret, near misses of known secret keys,
// and names that mention a key but are public.
import { describe, expect, it } from "vitest";
import { embeddedSecretRanges, isSensitiveName, redactEmbedded } from "../../src/ir/sensitivity.js";

const KNOWN = ["sasl.password", "aws_secret_access_key", "mongodb.password"];

describe("sensitive names", () => {
  it.each([
    "password", "PASSWORD", "SASL PASSWORD", "sasl.password", "database.password", "passwd", "passphrase",
    "aws_secret_access_key", "SECRET ACCESS KEY", "client_secret", "my_token", "SESSION TOKEN", "access-token",
    "account_key", "AccountKey", "api_key", "apikey", "SSL KEY", "ssl.key.pem", "private_key", "CREDENTIAL",
    "x-amz-server-side-encryption-customer-key", "sig", "sasl.jaas.config",
  ])("%s is secret", (name) => expect(isSensitiveName(name, KNOWN)).toBe(true));

  it.each(["sasl.passwrd", "sasl.pasword", "aws_secret_acess_key", "mongodb.pasword"])("%s is a near miss of a secret key", (name) =>
    expect(isSensitiveName(name, KNOWN)).toBe(true),
  );

  it.each([
    "aws_access_key_id", "ACCESS KEY ID", "ssl.key.location", "kerberos.keytab", "PUBLIC KEY 1", "account_name",
    "sasl.username", "region", "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-server-side-encryption-customer-key-MD5",
    "primary_key", "HOST", "BROKER", "endpoint_url", "security.protocol",
  ])("%s is not secret", (name) => expect(isSensitiveName(name, KNOWN)).toBe(false));
});

describe("secrets embedded in values", () => {
  it.each([
    ["https://user:pw1@host:9000/x", "https://user:********@host:9000/x"],
    ["mongodb+srv://u:p%40ss@cluster.example.net/?authSource=admin", "mongodb+srv://u:********@cluster.example.net/?authSource=admin"],
    ["DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc/+==;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=********;EndpointSuffix=core.windows.net"],
    ["https://acct.blob.core.windows.net/c?sv=2020&sig=XYZ%3D&se=2030", "https://acct.blob.core.windows.net/c?sv=2020&sig=********&se=2030"],
    ["jdbc:postgresql://h:5432/db?user=u&password=p1&ssl=true", "jdbc:postgresql://h:5432/db?user=u&password=********&ssl=true"],
  ])("%s", (value, masked) => expect(redactEmbedded(value)).toBe(masked));

  it.each(["https://host:8080/path?a=b", "b1:9092,b2:9092", "user@example.com", "s3://bucket/key=value"])("%s holds no secret", (value) =>
    expect(embeddedSecretRanges(value)).toEqual([]),
  );
});
