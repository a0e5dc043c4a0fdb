import { publicApi, read } from "../../lib/http.ts";

export const register = (username: string, password: string) =>
  read(publicApi.auth.register.$post({ json: { username, password } }));
export const requestCode = (username: string, purpose: "verify" | "reset" | "login") =>
  read(publicApi.auth.otp.$post({ json: { username, purpose } }));
export const forgotPassword = (username: string) => read(publicApi.auth.password.forgot.$post({ json: { username } }));
export const resetPassword = (username: string, code: string, password: string) =>
  read(publicApi.auth.password.reset.$post({ json: { username, code, password } }));
