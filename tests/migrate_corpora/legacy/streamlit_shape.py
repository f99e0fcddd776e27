"""A Streamlit chat page, streaming into the page; the generator is importable alone."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def tokens(messages):
    for chunk in openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], messages=messages,
                                              stream=True):
        if chunk["choices"] and chunk["choices"][0]["delta"].get("content"):
            yield chunk["choices"][0]["delta"]["content"]


def page():
    import streamlit as st

    if prompt := st.chat_input("Ask"):
        st.write_stream(tokens([{"role": "user", "content": prompt}]))


if __name__ == "__main__":
    print("".join(tokens([{"role": "user", "content": "hi there"}])))
