import { Body, Container, Head, Hr, Html, Img, Link, Text } from "@react-email/components";
import type { ReactNode } from "react";

/**
 * The one React Email layout every Tend message uses. It is rendered once per template with
 * slot markers in place of personal values (see compile.ts), never with a customer's data.
 */
export type MessageEmailProps = {
  preview: string;
  paragraphs: ReactNode[][];
  footer: ReactNode;
  openPixelSrc: string | null;
};

const hidden = { display: "none", overflow: "hidden", lineHeight: "1px", opacity: 0, maxHeight: 0, maxWidth: 0 };
const PREVIEW_PAD = "\u00a0\u200c".repeat(40);
const main = {
  backgroundColor: "#f6f7f9",
  fontFamily: "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif",
  margin: 0,
  padding: "24px 0",
};
const box = { backgroundColor: "#ffffff", borderRadius: "8px", maxWidth: "560px", padding: "24px 32px" };
const para = { color: "#1f2937", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" };
const foot = { color: "#6b7280", fontSize: "12px", lineHeight: "18px", margin: "0" };

export function MessageEmail({ preview, paragraphs, footer, openPixelSrc }: MessageEmailProps) {
  return (
    <Html lang="en">
      <Head />
      {/* Inbox preview text. React Email's <Preview> pads it with ~3 KB per message; a short pad does. */}
      <div style={hidden} data-skip-in-text="true">
        {preview}
        {PREVIEW_PAD}
      </div>
      <Body style={main}>
        <Container style={box}>
          {paragraphs.map((lines, i) => (
            <Text key={i} style={para}>
              {lines.map((line, j) => (
                <span key={j}>
                  {j > 0 ? <br /> : null}
                  {line}
                </span>
              ))}
            </Text>
          ))}
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 16px" }} />
          <Text style={foot}>{footer}</Text>
          {openPixelSrc ? (
            <Img src={openPixelSrc} width="1" height="1" alt="" style={{ display: "block", border: 0 }} />
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

export { Link as EmailLink };
