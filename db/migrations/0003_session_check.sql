-- The session check that travels with a signed-in request's own statements: it answers the user
-- when the access token's epoch is current, the account active and its role admitted, and raises
-- RS401 or RS403 otherwise, which ends the statement batch (and its transaction) right there.
CREATE OR REPLACE FUNCTION royal_session(p_user uuid, p_epoch integer, p_roles user_role[])
RETURNS json LANGUAGE plpgsql STABLE AS $$
DECLARE
  u users;
BEGIN
  SELECT * INTO u FROM users WHERE id = p_user;
  IF NOT FOUND OR NOT u.is_active OR u.session_epoch <> p_epoch THEN
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
