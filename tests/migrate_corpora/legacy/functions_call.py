"""The legacy functions= form of tool calling."""
import json
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

FUNCTIONS = [{"name": "get_time", "description": "Current time in a city",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}]

response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], functions=FUNCTIONS,
                                        function_call="auto",
                                        messages=[{"role": "user", "content": "What time is it in Oslo?"}])
message = response["choices"][0]["message"]
if message.get("function_call"):
    print("call", message["function_call"]["name"], json.loads(message["function_call"]["arguments"]))
else:
    print(message["content"])
