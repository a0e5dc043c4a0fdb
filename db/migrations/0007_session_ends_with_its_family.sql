-- The session check also ends a signed-out session: an access token names its session (the refresh
-- token family, `sid`), and once that family is revoked (sign-out, reuse of a spent refresh token)
-- its access tokens are refused at once, within the same round trip as before. Tokens that name no
-- session (none are issued without one) are checked as before. The three-argument form is replaced
-- in this transaction, and its callers resolve to this one through the default.
DROP FUNCTION royal_session(uuid, integer, user_role[]);
--> statement-breakpoint
CREATE FUNCTION royal_session(p_user uuid, p_epoch integer, p_roles user_role[], p_session uuid DEFAULT NULL)
RETURNS json LANGUAGE plpgsql STABLE AS $$
DECLARE
  u users;
BEGIN
  SELECT * INTO u FROM users WHERE id = p_user;
  IF NOT FOUND OR NOT u.is_active OR u.session_epoch <> p_epoch
    OR (p_session IS NOT NULL AND EXISTS (
      SELECT 1 FROM refresh_tokens WHERE family_id = p_session AND revoked_at IS NOT NULL)) THEN
    RAISE EXCEPTION 'The access token is invalid or expired.' USING ERRCODE = 'RS401';
  END IF;
  IF NOT (u.role = ANY (p_roles)) THEN
    RAISE EXCEPTION 'You are not allowed to do this.' USING ERRCODE = 'RS403';
  END IF;
  RETURN json_build_object(
    'id', u.id, 'username', u.username, 'email', u.email, 'phone', u.phone,
    'isEmailVerified', u.is_email_verified, 'isPhoneVerified', u.is_phone_verified,
    'role', u.role, 'displayName', u.display_name);
END
$$;
