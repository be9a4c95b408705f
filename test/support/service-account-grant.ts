/**
 * The OAuth 2.0 JWT bearer grant of a service account, as Google's token endpoint checks it
 * ("Using OAuth 2.0 for Server to Server Applications", developers.google.com/identity/
 * protocols/oauth2/service-account): the assertion is header.claims.signature, base64url, with
 * header {"alg":"RS256","typ":"JWT"}, signed with the account's private key (RSA SHA-256);
 * claims iss = the account's email, scope = space-delimited scopes, aud =
 * https://oauth2.googleapis.com/token, iat and exp in seconds with exp at most one hour after
 * iat; sub = a Workspace user's email to act as that user, allowed only when the domain's
 * admin granted the account domain-wide delegation for those scopes.
 * The errors are Google's: invalid_grant "Invalid JWT Signature.", invalid_grant "Invalid
 * JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe…",
 * unauthorized_client "Client is unauthorized to retrieve access tokens using this method,
 * or client not authorized for any of the scopes requested."
 */
import { createPublicKey, verify } from "node:crypto";

export const GOOGLE_TOKEN_AUD = "https://oauth2.googleapis.com/token";

export interface ServiceAccountSeed {
  email: string;
  /** SPKI PEM of the key pair whose private half is in the account's key file. */
  publicKeyPem: string;
  /** Users it may act as (domain-wide delegation); none by default. */
  delegatesFor?: readonly string[];
}

/** Who an access token acts as. */
export interface FakePrincipal {
  email: string;
  /** True for a service account acting as itself (it owns no Drive storage). */
  serviceAccount: boolean;
  /** The service account behind a delegated user token. */
  via?: string;
  scopes: string[];
}

export interface GrantRegistry {
  accounts: Map<string, ServiceAccountSeed>;
}

type GrantError = { error: string; description: string; status: number };

const b64json = (part: string): Record<string, unknown> | undefined => {
  try {
    const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const bad = (description: string, error = "invalid_grant", status = 400): GrantError => ({
  error,
  description,
  status,
});

/** Check an assertion; the principal it grants, or Google's error. */
export function jwtGrant(reg: GrantRegistry, assertion: string): FakePrincipal | GrantError {
  const parts = assertion.split(".");
  if (parts.length !== 3) return bad("Invalid JWT: malformed assertion.");
  const header = b64json(parts[0]);
  const claims = b64json(parts[1]);
  if (!header || !claims || header.alg !== "RS256") return bad("Invalid JWT: expected alg RS256.");
  const account = reg.accounts.get(String(claims.iss ?? ""));
  if (!account) return bad("Invalid JWT Signature.", "invalid_grant");
  const signed = verify(
    "RSA-SHA256",
    Buffer.from(`${parts[0]}.${parts[1]}`),
    createPublicKey(account.publicKeyPem),
    Buffer.from(parts[2], "base64url"),
  );
  if (!signed) return bad("Invalid JWT Signature.");
  if (claims.aud !== GOOGLE_TOKEN_AUD) return bad(`Invalid JWT: aud must be ${GOOGLE_TOKEN_AUD}.`);
  // The real endpoint checks against its own clock: so does the fake (the library signs with now).
  const now = Math.floor(Date.now() / 1000);
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!Number.isFinite(iat) || !Number.isFinite(exp) || exp <= now || exp - iat > 3600 || iat > now + 300)
    return bad(
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
    );
  const scopes = String(claims.scope ?? "")
    .split(/\s+/)
    .filter(Boolean);
  if (!scopes.length) return bad("Invalid JWT: the scope claim is required.", "invalid_scope");
  const sub = typeof claims.sub === "string" && claims.sub !== account.email ? claims.sub : undefined;
  if (sub === undefined) return { email: account.email, serviceAccount: true, scopes };
  if (!account.delegatesFor?.includes(sub))
    return bad(
      "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.",
      "unauthorized_client",
      401,
    );
  return { email: sub, serviceAccount: false, via: account.email, scopes };
}
