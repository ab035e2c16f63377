// Sign-in for the gateway's pages: the authorization code flow with PKCE, as the public client platform-pages (ADR 0036).
// A page asks PlatformSignIn.accessToken(): without a fresh token in this tab's session storage, the browser goes to the
// identity server's sign-in page and comes back through /signed-in, which exchanges the code and its verifier for a
// five-minute access token, then returns to the page it left.
(() => {
  const client = "platform-pages";
  const redirect = `${location.origin}/signed-in`;
  const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

  async function signIn(scope) {
    const verifier = random();
    const state = random();
    const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    sessionStorage.setItem("platform-signin", JSON.stringify({ verifier, state, returnTo: location.pathname + location.search }));
    const query = new URLSearchParams({
      client_id: client, response_type: "code", redirect_uri: redirect, scope, state,
      code_challenge: challenge, code_challenge_method: "S256",
    });
    location.assign(`/connect/authorize?${query}`);
    return new Promise(() => {}); // the page is leaving for the sign-in
  }

  window.PlatformSignIn = {
    async accessToken(scope = "platform") {
      return this.heldToken() ?? signIn(scope);
    },

    /** This tab's access token while it has some life left, or null: no sign-in starts. */
    heldToken() {
      const held = JSON.parse(sessionStorage.getItem("platform-access") || "null");
      return held && held.until > Date.now() + 10_000 ? held.token : null;
    },

    /** The signed-in user's id: the token's subject. */
    subject(token) {
      const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(atob(payload)).sub;
    },

    /** Whether the sign-in coming back to this window was started by this tab's pages (and not by the API reference's window). */
    startedHere() {
      const pending = JSON.parse(sessionStorage.getItem("platform-signin") || "null");
      return pending !== null && new URLSearchParams(location.search).get("state") === pending.state;
    },

    forget() {
      sessionStorage.removeItem("platform-access");
    },

    async complete() {
      const query = new URLSearchParams(location.search);
      const pending = JSON.parse(sessionStorage.getItem("platform-signin") || "null");
      sessionStorage.removeItem("platform-signin");
      if (query.get("error")) throw new Error(query.get("error_description") || query.get("error"));
      if (!pending || query.get("state") !== pending.state) throw new Error("This sign-in was not started from this tab: open the page again.");
      const response = await fetch("/connect/token", {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "authorization_code", client_id: client, code: query.get("code"), redirect_uri: redirect, code_verifier: pending.verifier,
        }),
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(answer.error_description || answer.error || `the token endpoint answered ${response.status}`);
      sessionStorage.setItem("platform-access", JSON.stringify({ token: answer.access_token, until: Date.now() + answer.expires_in * 1000 }));
      location.replace(pending.returnTo || "/");
    },
  };
})();
