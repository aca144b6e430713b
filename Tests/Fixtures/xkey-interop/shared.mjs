// The service xkey of the nats-by-example auth callout encryption example: a published seed,
// so no private key of ours is committed.
export const PUBLISHED_SEED = "SXAAXMRAEP6JWWHNB6IKFL554IE6LZVT6EY5MBRICPILTLOPHAG73I3YX4";
export const plaintexts = ["", "x", "a".repeat(31), "b".repeat(32), "c".repeat(33), "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ." + "d".repeat(400)];
