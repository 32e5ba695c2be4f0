"""Writers: the composed Markdown as .docx (writer.docx, with lxml and zipfile), .md and .txt."""
