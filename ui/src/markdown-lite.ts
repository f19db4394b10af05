// The little Markdown hover texts use (paragraphs, ``` fences, `code`, **bold**, [links](…)),
// built as DOM nodes: never innerHTML, so nothing in a file can inject markup.

function inline(text: string, parent: HTMLElement): void {
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) {
      const code = document.createElement("code");
      code.textContent = m[1];
      parent.appendChild(code);
    } else if (m[2] !== undefined) {
      const strong = document.createElement("strong");
      strong.textContent = m[2];
      parent.appendChild(strong);
    } else {
      const link = document.createElement("a");
      link.textContent = m[3];
      if (/^https?:\/\//.test(m[4])) {
        link.href = m[4];
        link.target = "_blank";
        link.rel = "noreferrer";
      }
      parent.appendChild(link);
    }
    last = pattern.lastIndex;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

export function renderMarkdown(markdown: string): HTMLElement {
  const root = document.createElement("div");
  root.className = "md";
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length === 0) return;
    const p = document.createElement("p");
    inline(paragraph.join(" "), p);
    root.appendChild(p);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      endParagraph();
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) body.push(lines[i]);
      const pre = document.createElement("pre");
      pre.textContent = body.join("\n");
      root.appendChild(pre);
    } else if (line.trim() === "" || /^(-{3,}|\*{3,})$/.test(line.trim())) {
      endParagraph();
    } else {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) {
        endParagraph();
        const h = document.createElement("strong");
        h.className = "md-heading";
        inline(heading[1], h);
        root.appendChild(h);
      } else paragraph.push(line.trim());
    }
  }
  endParagraph();
  return root;
}
