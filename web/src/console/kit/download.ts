// Files the API answers (templates, exports, PDFs) need the access token, so they are
// fetched with it and handed to the browser as a download.
import { ApiError } from "@/shared/api";
import { localProblem, isProblem } from "@/shared/api/problem";

export async function download(
  url: string,
  token: string | null,
  locale: string,
  fallbackName: string,
): Promise<void> {
  const headers: Record<string, string> = { "Accept-Language": locale };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, credentials: "same-origin" });
  } catch (cause) {
    throw new ApiError(0, localProblem(0, "network", "network"), { cause });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(
      response.status,
      isProblem(body) ? body : localProblem(response.status, response.statusText, "http_error"),
    );
  }
  const blob = await response.blob();
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
